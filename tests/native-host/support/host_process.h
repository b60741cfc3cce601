// Test support for the tests that stop a running `cookiewarden` (a signal, the port closing,
// SIGKILL): the host started with its stdout in a file and, when asked, its stdin a pipe the test
// holds; then waited on for a line it prints, signalled, and reaped. A host the test lets run to
// its end is run_process's (subprocess.h).
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store_fixtures.h"
#include "subprocess.h"

namespace cookiewarden::test {

// The environment of a host whose every folder is in `home` (XDG_RUNTIME_DIR too) and, given a
// `pause` folder, that stands before each commit until the test lets it go (paused_run.h).
inline std::vector<std::string> host_env(const std::filesystem::path& home, const std::filesystem::path& pause = {}) {
  std::vector<std::string> env{"HOME=" + home.string(), "XDG_RUNTIME_DIR=" + home.string(), "PATH=/usr/bin:/bin"};
  if (!pause.empty()) env.push_back("COOKIEWARDEN_TEST_PAUSE_DIR=" + pause.string());
  return env;
}

enum class HostStdin {
  inherited,  // the test's own
  pipe,       // a pipe the test writes to (RunningHost::stdin_writer)
};

struct RunningHost {
  pid_t pid = -1;
  int stdin_writer = -1;  // with HostStdin::pipe: the write end; closing it hangs up the host's stdin
};

// Starts the host with its stdout in the file `out` and its stderr in `err` (empty: the test's own).
inline RunningHost spawn_host(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                              const std::filesystem::path& out, HostStdin in = HostStdin::inherited,
                              const std::filesystem::path& err = {}) {
  RunningHost host;
  int port[2] = {-1, -1};
  if (in == HostStdin::pipe) REQUIRE(pipe2(port, O_CLOEXEC) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in == HostStdin::pipe) posix_spawn_file_actions_adddup2(&actions, port[0], 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (!err.empty()) posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> args = null_terminated(argv), envp = null_terminated(env);
  int rc = posix_spawn(&host.pid, argv[0].c_str(), &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (in == HostStdin::pipe) {
    ::close(port[0]);
    host.stdin_writer = port[1];
  }
  REQUIRE(rc == 0);
  return host;
}

// Waits for the process to end; its exit code, or 128 + the signal that ended it.
inline int reap(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return exit_code_of(status);
}

// The first whole line of `file` that holds `text`, once the process has written it. The test
// fails if the process ends first.
inline std::string wait_for_line(pid_t pid, const std::filesystem::path& file, std::string_view text) {
  for (;;) {
    std::string written = file_bytes(file);
    std::size_t at = written.find(text), end = written.find('\n', at);
    if (at != std::string::npos && end != std::string::npos) {
      std::size_t start = written.rfind('\n', at);
      start = start == std::string::npos ? 0 : start + 1;
      return written.substr(start, end - start);
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) != 0) FAIL("the host ended (" << exit_code_of(status) << ") without printing " << text << ":\n" << written);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace cookiewarden::test
