// The arguments `site_data` and `delete_site` share: {"site"?, "targets"?, "dry_run"?}, checked
// and resolved into a SiteMatcher and the profiles the targets name.
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "browsers/browser_profile.h"
#include "deletion/site_matcher.h"
#include "platform/environment.h"
#include "protocol/message.h"

namespace cookiewarden::protocol {

struct SiteRequest {
  std::optional<SiteMatcher> site;
  std::vector<BrowserProfile> profiles;
  bool dry_run = false;
};

// Resolved against the profiles discovered in `env`; an invalid_argument or not_found error otherwise.
std::variant<SiteRequest, Error> parse_site_request(const nlohmann::json& args, const Environment& env,
                                                     const warden::PublicSuffixList& psl, bool site_required);

}  // namespace cookiewarden::protocol
