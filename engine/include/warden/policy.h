// The person's consent: a default per category, per-site overrides, and what to do with
// third-party resources nobody has classified. Necessary is always allowed.
//
// JSON form (all keys optional; missing categories default to "allow"):
//   {"defaults": {"analytics": "block", "marketing": "block", ...},
//    "unknown_third_party": "allow",
//    "sites": {"shop.example": {"analytics": "allow"}}}
// A site key is a registrable domain (eTLD+1); callers normalise it with the engine's site_of().
#pragma once

#include <array>
#include <map>
#include <optional>
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

  Action default_for(Category c) const;
  Action unknown_third_party() const { return default_for(Category::unknown); }
  // The action for category `c` on `site`: the site's override, else the default. Necessary is
  // always allow, whatever the data says.
  Action action_for(std::string_view site, Category c) const;
  const std::map<std::string, CategoryChoices, std::less<>>& sites() const { return sites_; }

 private:
  std::array<Action, kCategoryCount> defaults_{};  // all allow; the unknown slot is unused
  Action unknown_third_party_ = Action::allow;
  std::map<std::string, CategoryChoices, std::less<>> sites_;
};

Result<Policy> parse_policy(std::string_view json);
std::string policy_to_json(const Policy& policy);

}  // namespace warden
