#include "browsers/browser_report.h"

#include "browsers/discovery.h"
#include "browsers/running_detection.h"
#include "browsers/store_presence.h"
#include "platform/path_text.h"

namespace cookiewarden {
namespace {

nlohmann::json profile_entry(const BrowserProfile& profile) {
  nlohmann::json entry = profile;
  RunningState running = detect_running(profile);
  entry["running"] = {{"running", running.running}, {"detail", running.detail}};
  nlohmann::json stores = nlohmann::json::array();
  for (const StorePresence& store : store_presence(profile))
    stores.push_back({{"store", store.store},
                      {"path", path_text(store.path)},
                      {"present", store.present},
                      {"readable", store.readable}});
  entry["stores"] = std::move(stores);
  return entry;
}

}  // namespace

nlohmann::json browser_report(const Environment& env) {
  nlohmann::json profiles = nlohmann::json::array();
  for (const BrowserProfile& profile : discover_profiles(env)) profiles.push_back(profile_entry(profile));
  return {{"os", os_name(env.os)}, {"profiles", std::move(profiles)}};
}

}  // namespace cookiewarden
