#include "browsers/flatpak_instances.h"

#include <cstdlib>
#include <fstream>
#include <string_view>

#if !defined(_WIN32)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

// The `name=` of the [Application] group of an instance's info key file.
std::string instance_app(const fs::path& info) {
  std::ifstream in(info);
  std::string line;
  bool in_application = false;
  while (std::getline(in, line)) {
    if (line.starts_with('[')) in_application = line == "[Application]";
    else if (in_application && line.starts_with("name=")) return line.substr(5);
  }
  return {};
}

// Someone holds a lock on the instance's .ref: one of the sandbox's processes is alive.
bool reference_held(const fs::path& ref) {
#if defined(_WIN32)
  (void)ref;
  return false;
#else
  int fd = ::open(ref.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return false;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return held;
#endif
}

}  // namespace

std::optional<std::string> flatpak_app_of(const fs::path& path) {
  bool after_var = false, after_app = false;
  for (const fs::path& part : path) {
    if (after_app) return part.string();
    after_app = after_var && part == "app";
    after_var = part == ".var";
  }
  return std::nullopt;
}

bool flatpak_app_running(const std::string& app_id, const fs::path& runtime_dir, std::string& detail) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(runtime_dir / ".flatpak", ec)) {
    if (instance_app(entry.path() / "info") != app_id || !reference_held(entry.path() / ".ref")) continue;
    detail = "running: Flatpak instance " + entry.path().filename().string() + " of " + app_id + " is alive";
    return true;
  }
  detail = "no live Flatpak instance of " + app_id;
  return false;
}

fs::path flatpak_runtime_dir() {
  if (const char* dir = std::getenv("XDG_RUNTIME_DIR"); dir && *dir) return dir;
#if defined(_WIN32)
  return {};
#else
  return fs::path("/run/user") / std::to_string(::getuid());
#endif
}

}  // namespace cookiewarden
