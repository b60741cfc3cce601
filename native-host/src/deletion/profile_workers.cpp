#include "deletion/profile_workers.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "deletion/profile_edit_lock.h"

namespace cookiewarden {
namespace {

// The profiles' indexes, grouped by the lock an edit takes, groups in order of first appearance.
std::vector<std::vector<std::size_t>> lock_groups(const std::vector<BrowserProfile>& profiles) {
  std::vector<std::filesystem::path> scopes;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    std::filesystem::path scope = edit_lock_scope(profiles[i]);
    auto found = std::find(scopes.begin(), scopes.end(), scope);
    if (found == scopes.end()) {
      scopes.push_back(std::move(scope));
      groups.push_back({i});
    } else {
      groups[static_cast<std::size_t>(found - scopes.begin())].push_back(i);
    }
  }
  return groups;
}

std::size_t worker_count(std::size_t groups) {
  std::size_t cores = std::max<std::size_t>(1, std::thread::hardware_concurrency());
  return std::min({cores, kMaxProfileWorkers, groups});
}

// What the threads share: which profiles are done, and the first failure.
class Completion {
 public:
  explicit Completion(std::size_t profiles) : done_(profiles, false) {}

  void finish(std::size_t i, std::exception_ptr failure) {
    {
      std::lock_guard lock(mutex_);
      done_[i] = true;
      if (failure && !failure_) failure_ = std::move(failure);
    }
    changed_.notify_all();
  }
  // Blocks until profile i is done or an edit failed; false on a failure.
  bool wait(std::size_t i) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return done_[i] || failure_; });
    return !failure_;
  }
  // Once an edit failed no other profile is started: the caller is about to throw.
  std::exception_ptr failure() {
    std::lock_guard lock(mutex_);
    return failure_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<bool> done_;
  std::exception_ptr failure_;
};

}  // namespace

std::size_t profile_worker_count(const std::vector<BrowserProfile>& profiles) {
  return worker_count(lock_groups(profiles).size());
}

void edit_profiles(const std::vector<BrowserProfile>& profiles, const std::function<void(std::size_t)>& edit,
                   const std::function<void(std::size_t)>& before, const std::function<void(std::size_t)>& done) {
  std::vector<std::vector<std::size_t>> groups = lock_groups(profiles);
  std::size_t workers = worker_count(groups.size());
  if (workers <= 1) {
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      before(i);
      edit(i);
      done(i);
    }
    return;
  }
  Completion completion(profiles.size());
  std::atomic<std::size_t> next_group{0};
  auto work = [&] {
    for (std::size_t g = next_group++; g < groups.size() && !completion.failure(); g = next_group++) {
      for (std::size_t i : groups[g]) {
        if (completion.failure()) return;
        try {
          edit(i);
          completion.finish(i, nullptr);
        } catch (...) {
          completion.finish(i, std::current_exception());
        }
      }
    }
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < workers; ++t) threads.emplace_back(work);
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      before(i);
      if (!completion.wait(i)) break;
      done(i);
    }
  }  // joined: every edit started has returned
  if (auto failure = completion.failure()) std::rethrow_exception(failure);
}

}  // namespace cookiewarden
