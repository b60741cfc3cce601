// Test support: a `cookiewarden` process started with COOKIEWARDEN_TEST_PAUSE_DIR stands before
// each commit until the test lifts the pause (platform/commit_gate.h). These step it: wait for the
// first pause, do something to the process there, then let every commit go on until it exits.
#pragma once

#include <sys/wait.h>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "subprocess.h"

namespace cookiewarden::test {

// Waits until the process stands at a commit point; false when it exited first (then reaped).
inline bool wait_for_pause(pid_t pid, const std::filesystem::path& pause_dir, int& status) {
  while (!std::filesystem::exists(pause_dir / "paused")) {
    if (::waitpid(pid, &status, WNOHANG) != 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// Lifts every pause until the process exits; its exit code, or 128 + the signal that ended it.
inline int lift_pauses_until_exit(pid_t pid, const std::filesystem::path& pause_dir) {
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    std::error_code ec;
    std::filesystem::remove(pause_dir / "paused", ec);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exit_code_of(status);
}

// Waits for the first pause, does `at_pause` there (a signal, closing the port), then lifts every
// pause until the process exits; its exit code. The test fails if the process exits before it pauses.
template <typename AtPause>
int stop_at_first_pause(pid_t pid, const std::filesystem::path& pause_dir, AtPause at_pause) {
  int status = 0;
  if (!wait_for_pause(pid, pause_dir, status)) FAIL("the host ended (" << exit_code_of(status) << ") before its first commit");
  at_pause();
  return lift_pauses_until_exit(pid, pause_dir);
}

}  // namespace cookiewarden::test
