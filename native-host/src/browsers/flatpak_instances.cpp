#include "browsers/flatpak_instances.h"

#include <cstdlib>
#include <fstream>
#include <string_view>

#if !defined(_WIN32)
#include <unistd.h>
#endif

#include "platform/record_lock.h"

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
    if (instance_app(entry.path() / "info") != app_id || !record_lock_held(entry.path() / ".ref")) continue;
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
