// The `browsers` answer, shared by the protocol command and the CLI: every discovered profile
// with its running state and store presence.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "browsers/browser_profile.h"
#include "platform/environment.h"

namespace cookiewarden {

// {"os": "linux", "profiles": [{<BrowserProfile fields>, "running": {"running", "detail"},
//   "stores": [{"store", "path", "present", "readable"}]}]}
nlohmann::json browser_report(const Environment& env);

}  // namespace cookiewarden
