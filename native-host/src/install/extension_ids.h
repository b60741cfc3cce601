// Who may talk to the host: the host's registered name and the extension ids `install` writes
// into the manifests when no --extension-id / --firefox-id is given. One place, so the
// extension's manifest and the host agree.
#pragma once

#include <string_view>

namespace cookiewarden::install {

// Native messaging host name: lower-case letters, digits, '_' and '.', not starting or ending
// with '.', no ".." (Chromium's rule; Firefox accepts the same).
inline constexpr std::string_view kHostName = "org.cookiewarden.host";

// Chromium-family extension id (32 letters a-p, derived from the manifest "key"). EMPTY until
// extension/manifest.json gets its fixed "key": until then `install` needs --extension-id for
// Chrome, Chromium and Edge and says so. Set it in the same commit that adds the key.
inline constexpr std::string_view kDefaultChromiumExtensionId = "";

// Firefox add-on id: must equal browser_specific_settings.gecko.id in extension/manifest.json.
inline constexpr std::string_view kDefaultFirefoxExtensionId = "cookiewarden@cookiewarden.org";

}  // namespace cookiewarden::install
