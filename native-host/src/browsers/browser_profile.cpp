#include "browsers/browser_profile.h"

#include <nlohmann/json.hpp>

#include "platform/path_text.h"

namespace cookiewarden {

std::string_view family_name(BrowserFamily family) {
  switch (family) {
    case BrowserFamily::chromium: return "chromium";
    case BrowserFamily::firefox: return "firefox";
    case BrowserFamily::safari: return "safari";
    case BrowserFamily::webkit: return "webkit";
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

void from_json(const nlohmann::json& in, BrowserProfile& profile) {
  std::string family = in.at("family").get<std::string>();
  if (family == "chromium") profile.family = BrowserFamily::chromium;
  else if (family == "firefox") profile.family = BrowserFamily::firefox;
  else if (family == "safari") profile.family = BrowserFamily::safari;
  else if (family == "webkit") profile.family = BrowserFamily::webkit;
  else throw nlohmann::json::other_error::create(501, "unknown browser family '" + family + "'", &in);
  profile.browser_id = in.at("browser_id").get<std::string>();
  profile.browser_name = in.at("browser_name").get<std::string>();
  profile.profile_id = in.at("profile_id").get<std::string>();
  profile.profile_name = in.at("profile_name").get<std::string>();
  profile.user_data_dir = path_from_text(in.at("user_data_dir").get<std::string>());
  profile.path = path_from_text(in.at("path").get<std::string>());
  profile.is_default = in.at("is_default").get<bool>();
}

}  // namespace cookiewarden
