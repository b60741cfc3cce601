// Is a Flatpak app running? A Flatpak browser runs in its own PID namespace, so the pid in its
// SingletonLock means nothing outside it (it may name an unrelated process or none): running
// detection asks Flatpak's own bookkeeping instead. Each sandbox has
// $XDG_RUNTIME_DIR/.flatpak/<instance>/ with an `info` key file ([Application] name=<app id>) and
// a `.ref` file every process of the sandbox holds an fcntl read lock on; Flatpak itself treats
// an instance whose `.ref` nobody locks as gone.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace cookiewarden {

// "org.chromium.Chromium" for a path under ~/.var/app/org.chromium.Chromium/, else nothing.
std::optional<std::string> flatpak_app_of(const std::filesystem::path& path);

// The pid-free answer: whether a live instance of `app_id` is registered under `runtime_dir`
// (normally $XDG_RUNTIME_DIR, else /run/user/<uid>). `detail` says which instance.
bool flatpak_app_running(const std::string& app_id, const std::filesystem::path& runtime_dir, std::string& detail);

// $XDG_RUNTIME_DIR, else /run/user/<uid>.
std::filesystem::path flatpak_runtime_dir();

}  // namespace cookiewarden
