#include "deletion/site_deletion_everywhere.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace cookiewarden {

bool SiteDeletionEverywhere::complete() const {
  return std::all_of(profiles.begin(), profiles.end(), [](const DeletionResult& r) { return r.complete(); });
}

SiteDeletionEverywhere delete_site_everywhere(const std::vector<BrowserProfile>& profiles, const SiteMatcher& site,
                                              bool dry_run, const UndoSettings& undo, DeletionProgress& progress) {
  SiteDeletionEverywhere deletion{site.site(), dry_run, {}};
  for (const auto& profile : profiles) {
    progress.deleting(profile, dry_run);
    deletion.profiles.push_back(delete_site(profile, site, dry_run, undo));
    progress.deleted(deletion.profiles.back());
  }
  return deletion;
}

void to_json(nlohmann::json& out, const SiteDeletionEverywhere& deletion) {
  out = {{"site", deletion.site},
         {"dry_run", deletion.dry_run},
         {"complete", deletion.complete()},
         {"profiles", deletion.profiles}};
}

}  // namespace cookiewarden
