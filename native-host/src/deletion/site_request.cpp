#include "deletion/site_request.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "browsers/discovery.h"

namespace cookiewarden {
namespace {

bool names_browser(const BrowserProfile& p, const std::string& name) {
  return p.browser_id == name || family_name(p.family) == name;
}

bool names_profile(const BrowserProfile& p, const std::string& name) {
  return p.profile_id == name || p.profile_name == name || p.path.string() == name;
}

bool names_target(const BrowserProfile& p, const std::string& target) {
  return names_browser(p, target) || names_profile(p, target) || p.browser_id + "/" + p.profile_id == target;
}

template <class Match>
bool any_names(const std::vector<std::string>& names, const BrowserProfile& p, Match match) {
  return names.empty() || std::any_of(names.begin(), names.end(), [&](const std::string& n) { return match(p, n); });
}

template <class Match>
void note_unmatched(const std::vector<std::string>& names, const std::vector<BrowserProfile>& discovered, Match match,
                    std::vector<std::string>& unmatched) {
  for (const auto& name : names)
    if (std::none_of(discovered.begin(), discovered.end(), [&](const BrowserProfile& p) { return match(p, name); }))
      unmatched.push_back(name);
}

}  // namespace

SelectedProfiles select_profiles(const std::vector<BrowserProfile>& discovered, const ProfileSelection& selection) {
  SelectedProfiles selected;
  for (const auto& p : discovered) {
    if (any_names(selection.targets, p, names_target) && any_names(selection.browsers, p, names_browser) &&
        any_names(selection.profiles, p, names_profile))
      selected.profiles.push_back(p);
  }
  note_unmatched(selection.targets, discovered, names_target, selected.unmatched);
  note_unmatched(selection.browsers, discovered, names_browser, selected.unmatched);
  note_unmatched(selection.profiles, discovered, names_profile, selected.unmatched);
  return selected;
}

namespace {

protocol::Error invalid(std::string message) { return {protocol::ErrorCode::invalid_argument, std::move(message)}; }

}  // namespace

std::variant<SiteRequest, protocol::Error> parse_site_request(const nlohmann::json& args, const Environment& env,
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
  SelectedProfiles selected = select_profiles(discover_profiles(env), selection);
  if (!selected.unmatched.empty())
    return protocol::Error{protocol::ErrorCode::not_found, "no browser or profile named '" + selected.unmatched.front() + "'"};
  request.profiles = std::move(selected.profiles);
  return request;
}

}  // namespace cookiewarden
