#include "deletion/cookie_sweep.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "deletion/profile_workers.h"

namespace cookiewarden {

std::vector<std::unique_ptr<SiteStore>> cookie_stores_for(const BrowserProfile& profile) {
  std::vector<std::unique_ptr<SiteStore>> stores = site_stores_for(profile);
  std::erase_if(stores, [](const std::unique_ptr<SiteStore>& store) { return !store->holds_cookies(); });
  return stores;
}

bool CookieSweep::complete() const {
  return std::all_of(profiles.begin(), profiles.end(), [](const ProfileSweep& p) { return p.deletion.complete(); });
}

ProfileSweep sweep_profile(const BrowserProfile& profile, PolicyCookieSelector& selector, bool dry_run,
                           const UndoSettings& undo, const std::vector<std::unique_ptr<SiteStore>>& stores) {
  ProfileSweep sweep;
  ProfileEdit what{{}, "cookies refused by a policy in " + profile.browser_name + " / " + profile.profile_name};
  sweep.deletion = edit_profile(profile, what, dry_run, undo, stores, [&](SiteStore& store) {
    selector.take_tally();
    StoreOutcome outcome = store.remove_cookies(selector, dry_run);
    // A skipped store changed nothing: what it read does not count as kept or removed.
    if (outcome.handled()) sweep.tally.add(selector.take_tally());
    return outcome;
  });
  return sweep;
}

CookieSweep sweep_everywhere(const std::vector<BrowserProfile>& profiles, const warden::Engine& engine,
                             const warden::Policy& policy, bool dry_run, const UndoSettings& undo,
                             DeletionProgress& progress) {
  CookieSweep sweep{dry_run, std::vector<ProfileSweep>(profiles.size())};
  edit_profiles(
      profiles,
      [&](std::size_t i) {
        // A selector per profile: it counts what it is asked, and profiles may run side by side.
        PolicyCookieSelector selector(engine, policy);
        sweep.profiles[i] = sweep_profile(profiles[i], selector, dry_run, undo, cookie_stores_for(profiles[i]));
      },
      [&](std::size_t i) { progress.deleting(profiles[i], dry_run); },
      [&](std::size_t i) { progress.deleted(sweep.profiles[i].deletion); });
  return sweep;
}

void to_json(nlohmann::json& out, const ProfileSweep& sweep) {
  out = sweep.deletion;
  out.erase("site");
  out["cookies"] = sweep.tally;
}

void to_json(nlohmann::json& out, const CookieSweep& sweep) {
  out = {{"dry_run", sweep.dry_run}, {"complete", sweep.complete()}, {"profiles", sweep.profiles}};
}

}  // namespace cookiewarden
