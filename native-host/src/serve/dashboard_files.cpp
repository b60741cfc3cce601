#include "serve/dashboard_files.h"

namespace cookiewarden::serve {

std::optional<DashboardFile> dashboard_file(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const DashboardFile& file : dashboard_files())
    if (file.path == path) return file;
  return std::nullopt;
}

}  // namespace cookiewarden::serve
