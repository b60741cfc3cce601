// Picking the profiles a request names out of the discovered ones: the protocol's `targets` and
// the CLI's --browser / --profile.
#pragma once

#include <string>
#include <vector>

#include "browsers/browser_profile.h"
#include "platform/environment.h"

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

// The same over the profiles discovered for `env`. A selection that names Safari itself
// (--browser safari, target "safari") on an OS without Safari also finds Safari's macOS layout
// under $HOME (~/Library/...): a Mac's Library copied over, or a Safari-layout test fixture.
// Nothing else ever looks there, so a plain run on Linux or Windows never touches such a copy.
SelectedProfiles select_profiles(const Environment& env, const ProfileSelection& selection);

}  // namespace cookiewarden
