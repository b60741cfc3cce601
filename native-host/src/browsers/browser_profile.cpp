#include "browsers/browser_profile.h"

#include <nlohmann/json.hpp>

#include "platform/path_text.h"

namespace cookiewarden {

std::string_view family_name(BrowserFamily family) {
  switch (family) {
    case BrowserFamily::chromium: return "chromium";
    case BrowserFamily::firefox: return "firefox";
    case BrowserFamily::safari: return "safari";
  }
  return "unknown";
}

void to_json(nlohmann::json& out, const BrowserProfile& profile) {
  out = nlohmann::json{
      {"browser_id", profile.browser_id},
      {"browser_name", profile.browser_name},
      {"family", family_name(profile.family)},
      {"profile_id", profile.profile_id},
      {"profile_name", profile.profile_name},
      {"user_data_dir", path_text(profile.user_data_dir)},
      {"path", path_text(profile.path)},
      {"is_default", profile.is_default},
  };
}

}  // namespace cookiewarden
