#include "browsers/profile_selection.h"

#include <algorithm>

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

}  // namespace cookiewarden
