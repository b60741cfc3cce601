#include "browsers/profile_selection.h"

#include <algorithm>

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

bool names_safari_itself(const ProfileSelection& selection) {
  auto safari = [](const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), family_name(BrowserFamily::safari)) != names.end();
  };
  return safari(selection.browsers) || safari(selection.targets);
}

// Safari's profiles in the macOS layout under env's home, whatever OS this is.
std::vector<BrowserProfile> safari_profiles_in_macos_layout(const Environment& env) {
  Environment macos = env;
  macos.os = Os::macos;
  std::vector<BrowserProfile> found = discover_profiles(macos);
  std::erase_if(found, [](const BrowserProfile& p) { return p.family != BrowserFamily::safari; });
  return found;
}

}  // namespace

SelectedProfiles select_profiles(const Environment& env, const ProfileSelection& selection) {
  std::vector<BrowserProfile> discovered = discover_profiles(env);
  if (env.os != Os::macos && names_safari_itself(selection)) {
    std::vector<BrowserProfile> safari = safari_profiles_in_macos_layout(env);
    discovered.insert(discovered.end(), safari.begin(), safari.end());
  }
  return select_profiles(discovered, selection);
}

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

}  // namespace cookiewarden
