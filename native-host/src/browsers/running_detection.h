// Is the browser that owns a profile running? Deleting from a running browser's profile is
// either refused (Firefox, Windows Chromium) or silently undone from memory, so every deletion
// asks this first.
#pragma once

#include <string>

#include "browsers/browser_profile.h"

namespace cookiewarden {

struct RunningState {
  bool running = false;
  std::string detail;  // why: "SingletonLock: this host, pid 4242 alive", "stale lock (pid 17 gone)"
};

// Chromium: <user_data_dir>/SingletonLock ("host-pid" symlink). Firefox: an fcntl lock on
// <profile>/.parentlock (tested with F_GETLK, never taken), else the `lock` symlink. Safari: a
// process named Safari (never on Linux). Never takes a lock or changes a file.
RunningState detect_running(const BrowserProfile& profile);

}  // namespace cookiewarden
