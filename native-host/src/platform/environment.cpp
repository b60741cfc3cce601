#include "platform/environment.h"

#include <cstdlib>

#if !defined(_WIN32)
#include <pwd.h>
#include <unistd.h>
#endif

namespace cookiewarden {
namespace {

// Every variable discovery or the installer may consult; current() copies only these.
constexpr std::string_view kConsultedVariables[] = {
    "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "APPDATA", "LOCALAPPDATA", "USERPROFILE", "HOME",
};

}  // namespace

std::string_view os_name(Os os) {
  switch (os) {
    case Os::linux_: return "linux";
    case Os::macos: return "macos";
    case Os::windows: return "windows";
  }
  return "unknown";
}

std::string Environment::var(std::string_view name) const {
  auto it = vars.find(std::string(name));
  return it == vars.end() ? std::string() : it->second;
}

std::filesystem::path Environment::dir_var(std::string_view name, const std::filesystem::path& fallback) const {
  std::string value = var(name);
  // A relative XDG_CONFIG_HOME is invalid per the XDG spec and ignored, as browsers do.
  if (!value.empty() && std::filesystem::path(value).is_absolute()) return value;
  return home / fallback;
}

Environment Environment::current() {
  Environment env;
  env.os = running_os();
  for (std::string_view name : kConsultedVariables) {
    const char* value = std::getenv(std::string(name).c_str());
    if (value != nullptr && *value != '\0') env.vars.emplace(name, value);
  }
  env.home = env.var(env.os == Os::windows ? "USERPROFILE" : "HOME");
#if !defined(_WIN32)
  // Started without HOME (some launchers strip the environment): the password database knows.
  if (const passwd* pw = env.home.empty() ? getpwuid(getuid()) : nullptr; pw != nullptr && pw->pw_dir != nullptr)
    env.home = pw->pw_dir;
#endif
  return env;
}

}  // namespace cookiewarden
