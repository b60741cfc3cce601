// Test support: a child process that takes hold of something the way a running browser does (an
// fcntl lock on Firefox's .parentlock, an open LevelDB) and keeps it until released. POSIX only.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>

namespace cookiewarden::test {

// An fcntl write lock on `file` (created when missing), as Firefox takes it on .parentlock; false
// when another process holds one. Classic locks belong to the process and never conflict with
// its own: a test asks in a child to ask as another process.
inline bool take_write_lock(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT, 0644);
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  return fd >= 0 && ::fcntl(fd, F_SETLK, &lock) == 0;
}

class HoldingProcess {
 public:
  // Runs `take` in a child and returns once it has; the test fails when `take` says it could not.
  explicit HoldingProcess(const std::function<bool()>& take) {
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      char ok = take() ? '1' : '0';
      if (::write(ready[1], &ok, 1) != 1) ::_exit(1);
      for (;;) ::pause();
    }
    ::close(ready[1]);
    char ok = 0;
    REQUIRE(::read(ready[0], &ok, 1) == 1);
    ::close(ready[0]);
    REQUIRE(ok == '1');
  }
  ~HoldingProcess() { release(); }
  HoldingProcess(const HoldingProcess&) = delete;
  HoldingProcess& operator=(const HoldingProcess&) = delete;

  // Kills the child: what it held is let go, as when a browser crashes.
  void release() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

// A child holding an fcntl write lock on `file`, as a running Firefox holds .parentlock.
class LockHolder : public HoldingProcess {
 public:
  explicit LockHolder(const std::filesystem::path& file) : HoldingProcess([&file] { return take_write_lock(file); }) {}
};

}  // namespace cookiewarden::test
