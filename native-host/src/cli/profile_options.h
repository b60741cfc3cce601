// The browser profiles a CLI command works on: those --browser and --profile name (every profile
// when neither is given), and the one way the commands refuse a name that matches no profile.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "browsers/profile_selection.h"
#include "cli/arguments.h"

namespace cookiewarden::cli {

ProfileSelection profile_selection(const Arguments& parsed);

enum class NoProfiles { allowed, refused };

// `selected`'s profiles; nothing, after telling `err` ("cookiewarden COMMAND: ..."), when a name
// matched no profile or, when refused, there is no profile at all.
std::optional<std::vector<BrowserProfile>> chosen_profiles(SelectedProfiles selected, std::string_view command,
                                                           NoProfiles none, std::ostream& err);

}  // namespace cookiewarden::cli
