#include "serve/launch_page.h"

#include <cstdlib>
#include <fstream>

#if !defined(_WIN32)
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#endif

#include "serve/access_token.h"

namespace cookiewarden::serve {
namespace fs = std::filesystem;

namespace {

// $XDG_RUNTIME_DIR is the user's own (0700, on tmpfs, emptied at logout) where there is one; the
// temporary folder otherwise (per user on Windows and macOS).
fs::path private_base() {
  std::error_code ec;
#if !defined(_WIN32)
  if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime && fs::is_directory(runtime, ec))
    return runtime;
#endif
  return fs::temp_directory_path(ec);
}

#if defined(_WIN32)
warden::Result<fs::path> make_launch_folder(const fs::path& base) {
  auto name = AccessToken::generate();
  if (!name.ok()) return {name.status(), name.detail()};
  fs::path folder = base / ("cookiewarden-serve-" + name->text().substr(0, 16));
  std::error_code ec;
  if (!fs::create_directory(folder, ec) || ec)
    return {warden::Status::unsupported, "cannot create " + folder.string() + ": " + ec.message()};
  return folder;
}

bool write_launch_page(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}
#else
warden::Result<fs::path> make_launch_folder(const fs::path& base) {
  std::string pattern = (base / "cookiewarden-serve-XXXXXX").string();
  if (!::mkdtemp(pattern.data()))  // mode 0700
    return {warden::Status::unsupported, "cannot create a private folder in " + base.string()};
  return fs::path(pattern);
}

bool write_launch_page(const fs::path& file, const std::string& text) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  return ::close(fd) == 0 && written;
}
#endif

}  // namespace

std::string launch_page_html(const std::string& link) {
  return "<!doctype html>\n<meta charset=\"utf-8\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
         "<meta http-equiv=\"refresh\" content=\"0;url=" + link + "\">\n<title>Cookie Warden</title>\n"
         "<p><a href=\"" + link + "\">Open the Cookie Warden dashboard</a></p>\n";
}

warden::Result<std::unique_ptr<LaunchPage>> LaunchPage::create(const std::string& link) {
  fs::path base = private_base();
  if (base.empty()) return {warden::Status::unsupported, "no folder for the dashboard's launch page"};
  auto folder = make_launch_folder(base);
  if (!folder.ok()) return {folder.status(), folder.detail()};
  fs::path file = *folder / "dashboard.html";
  std::unique_ptr<LaunchPage> page(new LaunchPage(*folder, file));
  if (!write_launch_page(file, launch_page_html(link)))
    return {warden::Status::unsupported, "cannot write " + file.string()};
  return page;
}

void LaunchPage::remove() {
  if (folder_.empty()) return;
  std::error_code ec;
  fs::remove(file_, ec);
  fs::remove(folder_, ec);
  folder_.clear();
}

}  // namespace cookiewarden::serve
