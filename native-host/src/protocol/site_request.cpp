#include "protocol/site_request.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "browsers/profile_selection.h"

namespace cookiewarden::protocol {
namespace {

Error invalid(std::string message) { return {ErrorCode::invalid_argument, std::move(message)}; }

}  // namespace

std::variant<SiteRequest, Error> parse_site_request(const nlohmann::json& args, const Environment& env,
                                                     const warden::PublicSuffixList& psl, bool site_required) {
  SiteRequest request;
  if (args.contains("site")) {
    if (!args["site"].is_string()) return invalid("site must be a string");
    auto site = SiteMatcher::from_input(args["site"].get<std::string>(), psl);
    if (!site.ok()) return invalid(site.detail());
    request.site = std::move(site).value();
  } else if (site_required) {
    return invalid("site is required");
  }
  if (args.contains("dry_run")) {
    if (!args["dry_run"].is_boolean()) return invalid("dry_run must be true or false");
    request.dry_run = args["dry_run"].get<bool>();
  }
  ProfileSelection selection;
  if (args.contains("targets")) {
    const auto& targets = args["targets"];
    if (!targets.is_array() || !std::all_of(targets.begin(), targets.end(), [](const auto& t) { return t.is_string(); }))
      return invalid("targets must be an array of strings");
    for (const auto& t : targets) selection.targets.push_back(t.get<std::string>());
  }
  SelectedProfiles selected = select_profiles(env, selection);
  if (!selected.unmatched.empty())
    return Error{ErrorCode::not_found, "no browser or profile named '" + selected.unmatched.front() + "'"};
  request.profiles = std::move(selected.profiles);
  return request;
}

}  // namespace cookiewarden::protocol
