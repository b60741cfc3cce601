#include "platform/path_presence.h"

#include <system_error>

namespace cookiewarden {
namespace fs = std::filesystem;

bool path_present(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

bool is_real_directory(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(fs::symlink_status(path, ec));
}

}  // namespace cookiewarden
