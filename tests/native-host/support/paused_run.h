// Test support: a `cookiewarden` process started with COOKIEWARDEN_TEST_PAUSE_DIR stands before
// each commit until the test lifts the pause (platform/commit_gate.h). These step it: wait for the
// first pause, do something to the process there, then let every commit go on until it exits.
#pragma once

#include <sys/wait.h>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

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
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace cookiewarden::test
