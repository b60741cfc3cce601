// What `serve` hands the browser opener (xdg-open, open, ShellExecute) instead of a URL holding a
// secret: the path of a small HTML page that sends the browser on to the dashboard link, one-time
// code included. A command line can be read by every local user for as long as the process runs
// (and a browser started by the opener keeps its arguments for its whole life); this page is in
// a folder of its own, 0700, under $XDG_RUNTIME_DIR or the temporary folder, and is itself 0600.
// It is removed once its code is traded, or when serve stops.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "warden/status.h"

namespace cookiewarden::serve {

class LaunchPage {
 public:
  static warden::Result<std::unique_ptr<LaunchPage>> create(const std::string& link);
  ~LaunchPage() { remove(); }
  LaunchPage(const LaunchPage&) = delete;
  LaunchPage& operator=(const LaunchPage&) = delete;

  const std::filesystem::path& path() const { return file_; }
  // Removes the page and its folder; later calls do nothing.
  void remove();

 private:
  LaunchPage(std::filesystem::path folder, std::filesystem::path file)
      : folder_(std::move(folder)), file_(std::move(file)) {}
  std::filesystem::path folder_, file_;
};

// The page's HTML: a refresh to `link` and the same link to click.
std::string launch_page_html(const std::string& link);

}  // namespace cookiewarden::serve
