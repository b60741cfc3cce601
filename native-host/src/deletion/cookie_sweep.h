// A sweep: in each profile, every stored cookie a consent policy refuses is removed
// (PolicyCookieSelector), through the cookie stores' remove_cookies and delete_site's safety
// sequence (edit_profile: a running browser refuses the profile, the browser's lock is held,
// every removed cookie is journaled for `cookiewarden undo` before its store is edited, each
// store all or nothing). The single loop behind `cookiewarden sweep` and the protocol's `sweep`.
// Firefox's session restore files are among the cookie stores: a refused session cookie would
// otherwise come back with the restored session.
#pragma once

#include <memory>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "browsers/browser_profile.h"
#include "deletion/policy_cookie_selector.h"
#include "deletion/site_deletion.h"
#include "deletion/site_deletion_everywhere.h"
#include "undo/undo_settings.h"

namespace cookiewarden {

// The stores of a profile that hold cookies (site_stores_for's cookie stores).
std::vector<std::unique_ptr<SiteStore>> cookie_stores_for(const BrowserProfile& profile);

struct ProfileSweep {
  DeletionResult deletion;  // site is empty; items are the removed cookies
  SweepTally tally;         // the stores that were read whole (handled) only
};

struct CookieSweep {
  bool dry_run = false;
  std::vector<ProfileSweep> profiles;  // in the order given

  bool complete() const;
};

ProfileSweep sweep_profile(const BrowserProfile& profile, PolicyCookieSelector& selector, bool dry_run,
                           const UndoSettings& undo, const std::vector<std::unique_ptr<SiteStore>>& stores);

// Profiles are swept side by side on a few threads (profile_workers.h); progress is told before
// and after each profile in their order, as for delete_site_everywhere.
CookieSweep sweep_everywhere(const std::vector<BrowserProfile>& profiles, const warden::Engine& engine,
                             const warden::Policy& policy, bool dry_run, const UndoSettings& undo,
                             DeletionProgress& progress);

// DeletionResult's fields without "site", plus "cookies": SweepTally.
void to_json(nlohmann::json& out, const ProfileSweep& sweep);
// {"dry_run","complete","profiles":[ProfileSweep]}
void to_json(nlohmann::json& out, const CookieSweep& sweep);

}  // namespace cookiewarden
