// Who may talk to the host: the host's registered name and the extension ids `install` writes
// into the manifests when no --extension-id / --firefox-id is given. One place, so the
// extension's manifest and the host agree.
#pragma once

#include <string_view>

namespace cookiewarden::install {

// Native messaging host name: lower-case letters, digits, '_' and '.', not starting or ending
// with '.', no ".." (Chromium's rule; Firefox accepts the same).
inline constexpr std::string_view kHostName = "org.cookiewarden.host";

// Chromium-family extension id: 32 letters a-p derived from extension/manifest.json's "key"
// (extension/ids.json; tests/extension/ids_test.mjs checks the three agree). Changing the key
// changes this id: update both together.
inline constexpr std::string_view kDefaultChromiumExtensionId = "gnendkbnghdjkicbbfnlhcakkmpckefp";

// Firefox add-on id: must equal browser_specific_settings.gecko.id in extension/manifest.json.
inline constexpr std::string_view kDefaultFirefoxExtensionId = "cookiewarden@cookiewarden.org";

static_assert(!kDefaultChromiumExtensionId.empty() && !kDefaultFirefoxExtensionId.empty(),
              "install writes these when no id is given: a manifest must allow someone");

}  // namespace cookiewarden::install
