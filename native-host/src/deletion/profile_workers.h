// Editing several profiles side by side: a sweep reads, decides and rewrites thousands of cookies
// per profile, and on a machine with more than one core the profiles need not wait for each
// other. Each profile is still edited whole by one thread, through edit_profile's sequence
// (running check, the browser's lock, journal first, each store all or nothing), so what a
// profile's result says, and what a kill leaves behind, is the same as one after another.
//
// Profiles that share the browser's lock (Chromium's profiles of one user data dir share its
// SingletonLock) are edited one after another: two edits at once would each find the lock taken.
// Results are handed back in the profiles' order, on the calling thread, so progress reports and
// output read the same whatever finished first.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "browsers/browser_profile.h"

namespace cookiewarden {

// At most this many profiles are edited at once (fewer on a machine with fewer cores).
inline constexpr std::size_t kMaxProfileWorkers = 4;

// How many threads edit `profiles`: one per core up to kMaxProfileWorkers, never more than there
// are groups of profiles sharing a lock. 1 means everything runs on the calling thread.
std::size_t profile_worker_count(const std::vector<BrowserProfile>& profiles);

// Calls edit(i) for every profile i, on profile_worker_count(profiles) threads. On the calling
// thread, in the profiles' order: before(i), then done(i) once edit(i) has returned. An exception
// thrown by an edit keeps further profiles from being started and is thrown again from here once
// every edit started has returned (the profiles after it get no done()).
void edit_profiles(const std::vector<BrowserProfile>& profiles, const std::function<void(std::size_t)>& edit,
                   const std::function<void(std::size_t)>& before, const std::function<void(std::size_t)>& done);

}  // namespace cookiewarden
