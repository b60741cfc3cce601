// Deleting one site from several profiles, one after the other: the single loop behind both
// `cookiewarden delete` and the protocol's `delete_site`, so the two give the same result.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "browsers/browser_profile.h"
#include "deletion/site_deletion.h"
#include "deletion/site_matcher.h"

namespace cookiewarden {

// Told before and after each profile: a long run over many profiles can say where it is.
class DeletionProgress {
 public:
  virtual void deleting(const BrowserProfile& profile, bool dry_run) = 0;
  virtual void deleted(const DeletionResult& result) = 0;

 protected:
  ~DeletionProgress() = default;
};

struct SiteDeletionEverywhere {
  std::string site;
  bool dry_run = false;
  std::vector<DeletionResult> profiles;  // in the order given

  // True when every profile's deletion was complete (none refused, no present store skipped).
  bool complete() const;
};

SiteDeletionEverywhere delete_site_everywhere(const std::vector<BrowserProfile>& profiles, const SiteMatcher& site,
                                              bool dry_run, const UndoSettings& undo, DeletionProgress& progress);

// {"site","dry_run","complete","profiles":[DeletionResult]}
void to_json(nlohmann::json& out, const SiteDeletionEverywhere& deletion);

}  // namespace cookiewarden
