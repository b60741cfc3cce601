// Is the browser that owns a profile running? Deleting from a running browser's profile is
// either refused (Firefox, Windows Chromium) or silently undone from memory, so every deletion
// asks this first.
#pragma once

#include <string>
#include <string_view>

#include "browsers/browser_profile.h"

namespace cookiewarden {

struct RunningState {
  bool running = false;
  std::string detail;  // why: "SingletonLock: this host, pid 4242 alive", "stale lock (pid 17 gone)"
};

// While cookiewarden edits a Chromium profile, its SingletonLock reads "<host>.cookiewarden-<pid>"
// (deletion/profile_edit_lock.h): Chromium takes that for another computer's lock and stays out.
inline constexpr std::string_view kEditLockHostSuffix = ".cookiewarden";

// Chromium: <user_data_dir>/SingletonLock ("host-pid" symlink; a Flatpak one by Flatpak's instance records,
// flatpak_instances.h; cookiewarden's own edit lock by its pid). Firefox: an fcntl lock on
// <profile>/.parentlock (tested with F_GETLK, never taken), else the `lock` symlink. Safari: a
// process named Safari (never on Linux). GNOME Web: its processes (gnome_web_running.h). Never
// takes a lock or changes a file.
RunningState detect_running(const BrowserProfile& profile);

}  // namespace cookiewarden
