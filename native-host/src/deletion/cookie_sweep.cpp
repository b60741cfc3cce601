#include "deletion/cookie_sweep.h"

#include <algorithm>

#include <nlohmann/json.hpp>

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
  CookieSweep sweep{dry_run, {}};
  PolicyCookieSelector selector(engine, policy);
  for (const auto& profile : profiles) {
    progress.deleting(profile, dry_run);
    sweep.profiles.push_back(sweep_profile(profile, selector, dry_run, undo, cookie_stores_for(profile)));
    progress.deleted(sweep.profiles.back().deletion);
  }
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
