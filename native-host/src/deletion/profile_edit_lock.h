// Keeps a browser from starting on a profile while we edit it, where the browser's own lock
// allows that: Firefox checks the fcntl lock on <profile>/.parentlock at startup, so holding it
// makes a Firefox launched mid-edit report "already running" instead of reading half-edited
// files. Chromium's SingletonLock is a symlink naming a live process; there is nothing to hold.
#pragma once

#include <string>

#include "browsers/browser_profile.h"

namespace cookiewarden {

class ProfileEditLock {
 public:
  // Takes the lock when the family has one. held() is false when another process holds it (the
  // browser started after running detection); then the profile must not be edited.
  explicit ProfileEditLock(const BrowserProfile& profile);
  ~ProfileEditLock();
  ProfileEditLock(const ProfileEditLock&) = delete;
  ProfileEditLock& operator=(const ProfileEditLock&) = delete;

  bool held() const { return held_; }
  const std::string& detail() const { return detail_; }

 private:
  int fd_ = -1;
  bool held_ = true;
  std::string detail_;
};

}  // namespace cookiewarden
