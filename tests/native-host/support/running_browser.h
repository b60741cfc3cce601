// Test support: Chromium's SingletonLock, a symlink to "<host name>-<pid>", with which a test makes
// a profile count as in use by a running browser (browsers/running_detection.h).
#pragma once

#include <unistd.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace cookiewarden::test {

inline std::string host_name() {
  char name[256] = {};
  REQUIRE(::gethostname(name, sizeof name - 1) == 0);
  return name;
}

// Makes the Chromium user data folder `user_data_dir` count as running: its SingletonLock names
// this live process.
inline void mark_chromium_running(const std::filesystem::path& user_data_dir) {
  std::filesystem::create_symlink(host_name() + "-" + std::to_string(::getpid()), user_data_dir / "SingletonLock");
}

}  // namespace cookiewarden::test
