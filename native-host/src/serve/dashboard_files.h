// The dashboard's HTML, CSS and JavaScript, compiled into the binary from native-host/serve-page/
// (embed_page.cmake writes the table at build time), so `serve` never looks for files at run time.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace cookiewarden::serve {

struct DashboardFile {
  std::string_view path;          // "/index.html", "/dashboard.js"
  std::string_view content_type;  // "text/html; charset=utf-8", ...
  std::string_view body;
};

// Every embedded file (defined in the generated source).
std::span<const DashboardFile> dashboard_files();

// The file served for a request path; "/" is the page itself (index.html).
std::optional<DashboardFile> dashboard_file(std::string_view path);

}  // namespace cookiewarden::serve
