// The cookies a consent policy refuses, as a CookieSelector: what `cookiewarden sweep` removes.
// Each stored cookie is decided by the engine (Engine::decide(StoredCookie), the function the
// extension's sweep calls too): a partitioned cookie on its partition's site, an unpartitioned one
// on its own site, that site's overrides included. A refused cookie stays when its top-level site
// is on the keep-list; necessary is never refused. A cookie the engine cannot read (a domain that
// is not a host) stays and is counted as unreadable: nothing is removed on a guess.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "deletion/cookie_selector.h"
#include "warden/decision_context.h"
#include "warden/engine.h"
#include "warden/policy.h"

namespace cookiewarden {

// What a selector saw: kept and removed cookies per category, and the vendors of the removed ones.
struct SweepTally {
  struct Counts {
    std::size_t kept = 0, removed = 0;
  };
  std::array<Counts, warden::kCategoryCount> categories{};
  std::map<std::string, std::size_t, std::less<>> removed_by_vendor;  // display name -> cookies
  std::size_t unreadable = 0;  // kept because the engine could not read them

  void add(const SweepTally& other);
  std::size_t kept() const;
  std::size_t removed() const;
  // The vendors with the most removed cookies, most first (ties by name), at most `limit`.
  std::vector<std::pair<std::string, std::size_t>> top_vendors(std::size_t limit) const;
};

class PolicyCookieSelector final : public CookieSelector {
 public:
  // Both must outlive the selector.
  PolicyCookieSelector(const warden::Engine& engine, const warden::Policy& policy) : engine_(engine), policy_(policy) {}

  bool selects(const StoredCookieFields& cookie) override;

  // What was asked since the last call, and starts counting afresh.
  SweepTally take_tally() { return std::exchange(tally_, {}); }

 private:
  const warden::Engine& engine_;
  const warden::Policy& policy_;
  warden::DecisionContext context_;  // one selector per thread: the engine's buffers, reused per cookie
  SweepTally tally_;
  std::string host_;  // scratch for the top-level site's host
};

// {"kept","removed","unreadable","categories":{"analytics":{"kept","removed"},...},
//  "top_vendors":[{"vendor","removed"}]} (at most 5 vendors)
void to_json(nlohmann::json& out, const SweepTally& tally);

}  // namespace cookiewarden
