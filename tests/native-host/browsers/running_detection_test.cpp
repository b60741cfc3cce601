#include "browsers/running_detection.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../support/holding_process.h"
#include "../support/running_browser.h"
#include "../support/scoped_variable.h"
#include "../support/store_fixtures.h"

using namespace cookiewarden;
using namespace cookiewarden::test;
namespace fs = std::filesystem;

namespace {

// A pid that existed and is gone: a child that exited and was reaped.
pid_t dead_pid() {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) _exit(0);
  waitpid(pid, nullptr, 0);
  return pid;
}

BrowserProfile chromium_at(const fs::path& udd) {
  return {"chromium", "Chromium", BrowserFamily::chromium, "Default", "Default", udd, udd / "Default", true};
}

BrowserProfile firefox_at(const fs::path& profile) {
  return {"firefox", "Firefox", BrowserFamily::firefox, "p", "p", profile.parent_path(), profile, true};
}

bool someone_holds(const fs::path& file) {
  int fd = open(file.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  struct flock query = {};
  query.l_type = F_WRLCK;
  query.l_whence = SEEK_SET;
  REQUIRE(fcntl(fd, F_GETLK, &query) == 0);
  close(fd);
  return query.l_type != F_UNLCK;
}

}  // namespace

TEST_CASE("running: Chromium SingletonLock with this host and a live pid (ours) means running") {
  TempDir udd;
  mark_chromium_running(udd.path());
  RunningState state = detect_running(chromium_at(udd.path()));
  CHECK(state.running);
  CHECK(state.detail.find(std::to_string(getpid())) != std::string::npos);
}

TEST_CASE("running: a stale SingletonLock (dead pid) is not running, no lock is not running") {
  TempDir udd;
  CHECK_FALSE(detect_running(chromium_at(udd.path())).running);
  pid_t gone = dead_pid();
  fs::create_symlink(host_name() + "-" + std::to_string(gone), udd / "SingletonLock");
  RunningState state = detect_running(chromium_at(udd.path()));
  CHECK_FALSE(state.running);
  CHECK(state.detail.find("stale") != std::string::npos);
  CHECK(fs::is_symlink(udd / "SingletonLock"));  // detection never cleans up
}

TEST_CASE("running: a SingletonLock from another host is treated as running and says so") {
  TempDir udd;
  fs::create_symlink("other-host.example-" + std::to_string(getpid()), udd / "SingletonLock");
  RunningState state = detect_running(chromium_at(udd.path()));
  CHECK(state.running);
  CHECK(state.detail.find("other-host.example") != std::string::npos);
}

TEST_CASE("running: an unreadable or odd SingletonLock errs on the side of running") {
  TempDir udd;
  fs::create_symlink("no-pid-here-x", udd / "SingletonLock");
  CHECK(detect_running(chromium_at(udd.path())).running);
  TempDir udd2;
  write_file(udd2 / "SingletonLock", "not a symlink");
  CHECK(detect_running(chromium_at(udd2.path())).running);
}

TEST_CASE("running: Firefox .parentlock locked with fcntl by another process is running, detection never takes it") {
  TempDir profile;
  fs::path parentlock = profile / ".parentlock";
  write_file(parentlock, "");
  CHECK_FALSE(detect_running(firefox_at(profile.path())).running);
  {
    LockHolder holder(parentlock);
    RunningState state = detect_running(firefox_at(profile.path()));
    CHECK(state.running);
    CHECK(state.detail.find(std::to_string(holder.pid())) != std::string::npos);
    CHECK(someone_holds(parentlock));  // still held by the child after our check
    holder.release();
    CHECK_FALSE(detect_running(firefox_at(profile.path())).running);
  }
  CHECK(fs::file_size(parentlock) == 0);
}

TEST_CASE("running: Firefox without .parentlock falls back to the lock symlink's pid") {
  TempDir profile;
  CHECK_FALSE(detect_running(firefox_at(profile.path())).running);
  fs::create_symlink("127.0.0.1:+" + std::to_string(getpid()), profile / "lock");
  CHECK(detect_running(firefox_at(profile.path())).running);
  fs::remove(profile / "lock");
  fs::create_symlink("127.0.0.1:+" + std::to_string(dead_pid()), profile / "lock");  // survives a clean exit
  CHECK_FALSE(detect_running(firefox_at(profile.path())).running);
}

TEST_CASE("running: Safari never runs on Linux") {
  BrowserProfile safari{"safari", "Safari", BrowserFamily::safari, "Default", "Default", "/x/Library", "/x/Library", true};
  RunningState state = detect_running(safari);
  CHECK_FALSE(state.running);
  CHECK_FALSE(state.detail.empty());
}

TEST_CASE("running: cookiewarden's own edit lock (<host>.cookiewarden-<pid>) is live while that run is, stale after") {
  TempDir udd;
  fs::create_symlink(host_name() + ".cookiewarden-" + std::to_string(getpid()), udd / "SingletonLock");
  RunningState live = detect_running(chromium_at(udd.path()));
  CHECK(live.running);
  CHECK(live.detail.find("cookiewarden (pid " + std::to_string(getpid()) + ") is editing") != std::string::npos);
  fs::remove(udd / "SingletonLock");
  fs::create_symlink(host_name() + ".cookiewarden-" + std::to_string(dead_pid()), udd / "SingletonLock");
  RunningState stale = detect_running(chromium_at(udd.path()));
  CHECK_FALSE(stale.running);
  CHECK(stale.detail.find("stale cookiewarden") != std::string::npos);
}

// A Flatpak Chromium writes a pid of its own PID namespace: from outside it may name a live
// unrelated process (here: ours) or none. Flatpak's instance records decide instead.
TEST_CASE("running: a Flatpak Chromium is judged by Flatpak's live instance, not by the pid in its lock") {
  TempDir home, runtime;
  fs::path udd = home / ".var" / "app" / "org.chromium.Chromium" / "config" / "chromium";
  fs::create_directories(udd);
  ScopedVariable xdg("XDG_RUNTIME_DIR", runtime.path().c_str());
  fs::path instance = runtime / ".flatpak" / "1234567";
  write_file(instance / "info", "[Application]\nname=org.chromium.Chromium\nruntime=runtime/org.freedesktop.Platform\n");
  write_file(instance / ".ref", "");
  write_file(runtime / ".flatpak" / "999" / "info", "[Application]\nname=org.mozilla.firefox\n");

  // The pid inside the sandbox is gone out here, yet the sandbox runs.
  fs::create_symlink(host_name() + "-" + std::to_string(dead_pid()), udd / "SingletonLock");
  {
    LockHolder sandbox(instance / ".ref");
    RunningState state = detect_running(chromium_at(udd));
    CHECK(state.running);
    CHECK(state.detail.find("Flatpak instance 1234567") != std::string::npos);
  }
  // The pid names a live process out here (ours), yet no sandbox of the app runs: stale.
  fs::remove(udd / "SingletonLock");
  mark_chromium_running(udd);
  RunningState stale = detect_running(chromium_at(udd));
  CHECK_FALSE(stale.running);
  CHECK(stale.detail.find("no live Flatpak instance of org.chromium.Chromium") != std::string::npos);
}
