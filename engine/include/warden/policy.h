// The person's consent: a default per category, per-site overrides, what to do with third-party
// resources nobody has classified, and the sites whose stored data is kept whatever the categories.
// Necessary is always allowed.
//
// JSON form, the one shape used by the CLI's --policy, the extension's storage and import/export
// and the host's requests; engine/policy.schema.json describes it. All keys are optional:
//   {"defaults": {"analytics": "block", "marketing": "block", ...},   missing category: "allow"
//    "sites": {"shop.example": {"analytics": "allow"}},
//    "unknown_third_party": "allow",
//    "keep": ["bank.example"]}
// A site is a registrable domain (eTLD+1) in lower-case ASCII; callers normalise it with the
// engine's site_of(). Unknown keys, "necessary": "block" and malformed site names are refused.
//
// Keeping ("keep") is about stored data only: a kept site's cookies and storage are never removed by
// a cleanup, but its new writes and requests are still decided by the categories. A site allowed
// something on purpose has a per-site override for that, which live blocking honours and which
// keeps that category's data too; so pinning never silently turns the protection off.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "warden/category.h"
#include "warden/decision.h"
#include "warden/status.h"

namespace warden {

using CategoryChoices = std::array<std::optional<Action>, kCategoryCount>;

class Policy {
 public:
  // Everything allowed: the engine then only classifies.
  static Policy allow_all();
  // The seed policy's "necessary only": every consent category but necessary refused. Third
  // parties no rule classifies are not a consent category (CDNs, fonts, APIs the page needs):
  // they stay allowed unless unknown_third_party is set to block as well.
  static Policy necessary_only();

  void set_default(Category c, Action a);
  void set_unknown_third_party(Action a) { set_default(Category::unknown, a); }
  void set_site(std::string_view site, Category c, std::optional<Action> a);
  void clear_site(std::string_view site);
  // Pins `site`: its stored data stays, whatever the categories (see keeps()).
  void keep_site(std::string_view site);

  Action default_for(Category c) const;
  Action unknown_third_party() const { return default_for(Category::unknown); }
  // The action for category `c` on `site`: the site's override, else the default. Necessary is
  // always allow, whatever the data says.
  Action action_for(std::string_view site, Category c) const;
  // Whether `site`'s stored data of category `c` stays when data is cleaned up: necessary always,
  // a category the site may use (by its override or the default), and everything of a kept site.
  bool keeps(std::string_view site, Category c) const;
  bool kept(std::string_view site) const { return kept_.contains(site); }
  const std::map<std::string, CategoryChoices, std::less<>>& sites() const { return sites_; }
  const std::set<std::string, std::less<>>& kept_sites() const { return kept_; }

 private:
  // All allow. `unknown` only ever describes third-party resources nobody classified (first-party
  // ones are necessary), so its slot is unknown_third_party.
  std::array<Action, kCategoryCount> defaults_{};
  std::map<std::string, CategoryChoices, std::less<>> sites_;
  std::set<std::string, std::less<>> kept_;
};

// Refuses anything the schema refuses, with a message naming the key at fault.
Result<Policy> parse_policy(std::string_view json);
std::string policy_to_json(const Policy& policy);

}  // namespace warden
