// Profiles edited side by side (deletion/profile_workers.h): results come back in the profiles'
// order whatever finishes first, profiles sharing the browser's lock are edited one after another
// on one thread, and an edit's exception comes back to the caller. No timing: the edits wait for
// each other through a condition variable.
#include "deletion/profile_workers.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

using namespace cookiewarden;

namespace {

BrowserProfile profile(BrowserFamily family, const std::string& user_data_dir, const std::string& id) {
  BrowserProfile p;
  p.family = family;
  p.browser_id = family_name(family);
  p.profile_id = id;
  p.user_data_dir = user_data_dir;
  p.path = user_data_dir + "/" + id;
  return p;
}

// Two Chromium profiles of one user data dir (one SingletonLock), then a Firefox profile.
std::vector<BrowserProfile> two_sharing_a_lock_and_one_apart() {
  return {profile(BrowserFamily::chromium, "/home/u/.config/chromium", "Default"),
          profile(BrowserFamily::chromium, "/home/u/.config/chromium", "Profile 1"),
          profile(BrowserFamily::firefox, "/home/u/.mozilla/firefox", "abcd.default")};
}

// Lets one edit wait until another has finished.
class Finished {
 public:
  void mark(std::size_t i) {
    {
      std::lock_guard lock(mutex_);
      done_.push_back(i);
    }
    changed_.notify_all();
  }
  void wait_for(std::size_t i) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return std::find(done_.begin(), done_.end(), i) != done_.end(); });
  }
  std::vector<std::size_t> order() {
    std::lock_guard lock(mutex_);
    return done_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::size_t> done_;
};

}  // namespace

TEST_CASE("profiles sharing a lock are edited one after another on one thread, and results come back in order") {
  auto profiles = two_sharing_a_lock_and_one_apart();
  if (profile_worker_count(profiles) < 2) {
    MESSAGE("one core: profiles are edited one after another on the calling thread");
    return;
  }
  Finished finished;
  std::vector<std::thread::id> threads(profiles.size());
  std::vector<std::string> told;
  edit_profiles(
      profiles,
      [&](std::size_t i) {
        // The first Chromium profile finishes only after Firefox's: had the second Chromium profile
        // a thread of its own, it would run on the other worker meanwhile.
        if (i == 0) finished.wait_for(2);
        threads[i] = std::this_thread::get_id();
        finished.mark(i);
      },
      [&](std::size_t i) { told.push_back("before " + std::to_string(i)); },
      [&](std::size_t i) { told.push_back("done " + std::to_string(i)); });
  CHECK(finished.order() == std::vector<std::size_t>{2, 0, 1});
  CHECK(threads[0] == threads[1]);
  CHECK(threads[0] != threads[2]);
  CHECK(told == std::vector<std::string>{"before 0", "done 0", "before 1", "done 1", "before 2", "done 2"});
}

TEST_CASE("an edit's exception comes back to the caller once the other edits have returned") {
  auto profiles = two_sharing_a_lock_and_one_apart();
  std::vector<std::size_t> done;
  auto run = [&] {
    edit_profiles(
        profiles,
        [&](std::size_t i) {
          if (i == 2) throw std::runtime_error("firefox failed");
        },
        [](std::size_t) {}, [&](std::size_t i) { done.push_back(i); });
  };
  CHECK_THROWS_WITH_AS(run(), "firefox failed", std::runtime_error);
  CHECK(std::find(done.begin(), done.end(), 2) == done.end());
}

TEST_CASE("profile_worker_count: never more workers than groups of profiles sharing a lock") {
  auto profiles = two_sharing_a_lock_and_one_apart();
  CHECK(profile_worker_count(profiles) <= 2);
  CHECK(profile_worker_count({profiles[0], profiles[1]}) == 1);
  CHECK(profile_worker_count({}) == 0);
}
