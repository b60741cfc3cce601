// What `site_data` / `delete_site` (protocol) and `sites` / `delete` (CLI) share: turning the
// site a person or the extension gave into a SiteMatcher, and picking the profiles a request
// names out of the discovered ones.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "browsers/browser_profile.h"
#include "deletion/site_matcher.h"
#include "platform/environment.h"
#include "protocol/message.h"

namespace cookiewarden {

// Which profiles to work on. Empty lists mean "all".
struct ProfileSelection {
  // Protocol `targets`: each names a browser id ("chrome"), a family ("firefox"), a profile id
  // or display name ("Default", "Work"), "<browser id>/<profile id>", or a profile path. A
  // profile is selected when any target names it.
  std::vector<std::string> targets;
  // CLI --browser / --profile: a profile must match one --browser (id or family) and one
  // --profile (id, name or path) when given.
  std::vector<std::string> browsers;
  std::vector<std::string> profiles;
};

struct SelectedProfiles {
  std::vector<BrowserProfile> profiles;
  std::vector<std::string> unmatched;  // targets/browsers/profiles that named no discovered profile
};

SelectedProfiles select_profiles(const std::vector<BrowserProfile>& discovered, const ProfileSelection& selection);

// The protocol arguments {"site"?, "targets"?, "dry_run"?} checked and resolved against the
// profiles discovered in `env`; an invalid_argument or not_found error otherwise.
struct SiteRequest {
  std::optional<SiteMatcher> site;
  std::vector<BrowserProfile> profiles;
  bool dry_run = false;
};
std::variant<SiteRequest, protocol::Error> parse_site_request(const nlohmann::json& args, const Environment& env,
                                                               const warden::PublicSuffixList& psl, bool site_required);

}  // namespace cookiewarden
