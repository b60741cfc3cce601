#include "cli/profile_options.h"

namespace cookiewarden::cli {

ProfileSelection profile_selection(const Arguments& parsed) {
  return {{}, parsed.values("--browser"), parsed.values("--profile")};
}

std::optional<std::vector<BrowserProfile>> chosen_profiles(SelectedProfiles selected, std::string_view command,
                                                           NoProfiles none, std::ostream& err) {
  if (!selected.unmatched.empty()) {
    err << "cookiewarden " << command << ": no browser or profile named '" << selected.unmatched.front()
        << "' (see 'cookiewarden browsers')\n";
    return std::nullopt;
  }
  if (none == NoProfiles::refused && selected.profiles.empty()) {
    err << "cookiewarden " << command << ": no browser profiles found for this user\n";
    return std::nullopt;
  }
  return std::move(selected.profiles);
}

}  // namespace cookiewarden::cli
