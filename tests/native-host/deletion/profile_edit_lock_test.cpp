#include "deletion/profile_edit_lock.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "../support/holding_process.h"
#include "../support/running_browser.h"
#include "../support/store_fixtures.h"
#include "browsers/running_detection.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

BrowserProfile chromium_at(const fs::path& udd) {
  return {"chromium", "Chromium", BrowserFamily::chromium, "Default", "Default", udd, udd / "Default", true};
}

BrowserProfile firefox_at(const fs::path& profile) {
  return {"firefox", "Firefox", BrowserFamily::firefox, "p", "p", profile.parent_path(), profile, true};
}

std::string lock_target(const fs::path& udd) {
  std::error_code ec;
  return fs::read_symlink(udd / "SingletonLock", ec).string();
}

// Whether another process could take an fcntl write lock on `file` now (asked from a child: our
// own process's classic locks never conflict with themselves).
bool lockable_by_another_process(const fs::path& file) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) ::_exit(take_write_lock(file) ? 0 : 1);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

pid_t dead_pid() {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

}  // namespace

TEST_CASE("edit lock: Chromium's SingletonLock is created naming another host, and removed after") {
  TempDir udd;
  {
    ProfileEditLock lock(chromium_at(udd.path()));
    REQUIRE(lock.held());
    // Chromium 156 deletes a lock of its own host whose pid is not a Chromium process; one of
    // another host keeps it out ("profile in use on another computer").
    std::string target = lock_target(udd.path());
    CHECK(target == host_name() + ".cookiewarden-" + std::to_string(::getpid()));
    CHECK_FALSE(lock.lost());
    RunningState state = detect_running(chromium_at(udd.path()));
    CHECK(state.running);  // a second cookiewarden stays out too
    ProfileEditLock second(chromium_at(udd.path()));
    CHECK_FALSE(second.held());
    CHECK(second.detail().find("is editing this profile") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(fs::symlink_status(udd / "SingletonLock")));
}

TEST_CASE("edit lock: a live Chromium's lock is not taken, a stale one is replaced as Chromium does") {
  TempDir udd;
  mark_chromium_running(udd.path());
  {
    ProfileEditLock lock(chromium_at(udd.path()));
    CHECK_FALSE(lock.held());
    CHECK(lock.detail().find("running") != std::string::npos);
  }
  CHECK(lock_target(udd.path()) == host_name() + "-" + std::to_string(::getpid()));  // left alone

  fs::remove(udd / "SingletonLock");
  fs::create_symlink(host_name() + "-" + std::to_string(dead_pid()), udd / "SingletonLock");
  {
    ProfileEditLock lock(chromium_at(udd.path()));
    CHECK(lock.held());
    CHECK(lock_target(udd.path()).find(".cookiewarden-") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(fs::symlink_status(udd / "SingletonLock")));
}

TEST_CASE("edit lock: a Chromium that takes the profile mid-edit is noticed, and its lock is left to it") {
  TempDir udd;
  std::string chromium = host_name() + "-" + std::to_string(::getpid());
  {
    ProfileEditLock lock(chromium_at(udd.path()));
    REQUIRE(lock.held());
    // Chromium's "Unlock profile": the lock is removed, then Chromium creates its own.
    fs::remove(udd / "SingletonLock");
    auto gone = lock.lost();
    REQUIRE(gone);
    CHECK(gone->find("SingletonLock now gone") != std::string::npos);
    fs::create_symlink(chromium, udd / "SingletonLock");
    auto taken = lock.lost();
    REQUIRE(taken);
    CHECK(taken->find(chromium) != std::string::npos);
  }
  CHECK(lock_target(udd.path()) == chromium);
}

TEST_CASE("edit lock: Firefox's .parentlock is held against other processes for the whole edit") {
  TempDir profile;
  write_file(profile / ".parentlock", "");
  {
    ProfileEditLock lock(firefox_at(profile.path()));
    REQUIRE(lock.held());
    CHECK_FALSE(lockable_by_another_process(profile / ".parentlock"));
    // Running detection opens and closes the file: the lock survives that.
    CHECK(detect_running(firefox_at(profile.path())).running);
    CHECK_FALSE(lockable_by_another_process(profile / ".parentlock"));
    CHECK_FALSE(lock.lost());
  }
  CHECK(lockable_by_another_process(profile / ".parentlock"));
}
