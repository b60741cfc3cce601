// The machine layout that discovery and the installer work against: which OS's conventions
// apply, the home directory and the environment variables that move browser folders.
//
// Everything that looks for browser files takes an Environment instead of reading getenv()
// itself, so tests build fake home trees for Linux, macOS and Windows on any machine.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace cookiewarden {

enum class Os { linux_, macos, windows };

// The OS this binary was built for.
constexpr Os running_os() {
#if defined(_WIN32)
  return Os::windows;
#elif defined(__APPLE__)
  return Os::macos;
#else
  return Os::linux_;
#endif
}

// "linux", "macos", "windows" (as reported by the protocol's `hello`).
std::string_view os_name(Os os);

struct Environment {
  Os os = Os::linux_;
  std::filesystem::path home;
  // Only the variables discovery and the installer consult: XDG_CONFIG_HOME, APPDATA,
  // LOCALAPPDATA, SNAP_USER_COMMON... Unset and empty are the same thing.
  std::map<std::string, std::string> vars;

  // The value of a variable, or empty when it is unset.
  std::string var(std::string_view name) const;
  // `var(name)` as a path when set, else `home / fallback` (e.g. XDG_CONFIG_HOME → ~/.config).
  std::filesystem::path dir_var(std::string_view name, const std::filesystem::path& fallback) const;

  // The layout of the running process: its OS, $HOME (%USERPROFILE% on Windows) and variables.
  static Environment current();
};

}  // namespace cookiewarden
