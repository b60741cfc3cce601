// Keeps the browser off a profile for the whole edit by holding the browser's own single-instance
// lock, the way the browser itself takes it, so a browser started mid-edit finds the profile in
// use and does not open it (facts: shared/notes/browser-storage.md §1.4, §2.2):
//
// - Chromium, Linux/macOS: <user-data-dir>/SingletonLock, created with symlink() as Chromium does.
//   Its target names "<host>.cookiewarden" as the host (running_detection.h): Chromium 156 deletes
//   a lock of its own host whose pid is not a Chromium process and takes the profile, but refuses
//   one of another host ("profile in use on another computer"; headless exits with code 21). With
//   a display it offers "Unlock profile": a user who chooses it takes the lock from us, which
//   still_held() notices before the next commit.
// - Firefox, Linux/macOS: an fcntl write lock on <profile>/.parentlock (Firefox then says "already
//   running"). Open-file-description locks, so closing another descriptor of the file does not
//   drop it.
// - Windows: Chromium's <user-data-dir>\lockfile and Firefox's parent.lock held open with share
//   mode 0 and delete-on-close, as the browsers hold them; a browser starting meanwhile fails to
//   open them and reports the profile in use (compile-checked only here).
// - Safari has no profile lock to hold; site_deletion relies on running detection and on each
//   file replacement checking the file has not changed since it was read.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "browsers/browser_profile.h"

namespace cookiewarden {

// The folder whose lock an edit of `profile` takes: a Chromium profile's user data dir (its
// profiles share one SingletonLock), else the profile's own folder. Profiles of one scope cannot
// be edited at the same time.
std::filesystem::path edit_lock_scope(const BrowserProfile& profile);

class ProfileEditLock {
 public:
  // Takes the lock. held() is false when the browser (or another cookiewarden) holds it; then the
  // profile must not be edited and detail() says why. A stale lock (its process is gone) is
  // removed and taken, as the browser would.
  explicit ProfileEditLock(const BrowserProfile& profile);
  ~ProfileEditLock();
  ProfileEditLock(const ProfileEditLock&) = delete;
  ProfileEditLock& operator=(const ProfileEditLock&) = delete;

  bool held() const { return held_; }
  const std::string& detail() const { return detail_; }

  // Nothing while the lock is still ours; else what happened (the browser took the profile during
  // the edit). Asked right before every commit.
  std::optional<std::string> lost() const;

 private:
  bool held_ = true;
  std::string detail_;
#if defined(_WIN32)
  void* handle_ = nullptr;
#else
  int fd_ = -1;                            // Firefox's .parentlock
  std::filesystem::path singleton_lock_;   // Chromium: the symlink we created
  std::string singleton_target_;
#endif
};

}  // namespace cookiewarden
