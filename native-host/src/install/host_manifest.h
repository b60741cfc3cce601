// The native messaging host manifest as data: what `install` writes, per browser family.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "browsers/browser_profile.h"

namespace cookiewarden::install {

// {"name", "description", "path", "type": "stdio", "allowed_origins": ["chrome-extension://ID/"]}
// for Chromium-family browsers, "allowed_extensions": [ids] for Firefox. `binary` is absolute.
nlohmann::json host_manifest(BrowserFamily family, const std::filesystem::path& binary,
                             const std::vector<std::string>& extension_ids);

// 32 letters a-p: what Chromium derives from an extension key.
bool is_chromium_extension_id(std::string_view id);
// A Firefox add-on id: "name@domain" or "{GUID}", printable ASCII, at most 80 characters.
bool is_firefox_extension_id(std::string_view id);

// The caller identities a manifest allows: allowed_origins or allowed_extensions (empty when
// absent or malformed).
std::vector<std::string> manifest_allowed_callers(const nlohmann::json& manifest);

}  // namespace cookiewarden::install
