// Finds every browser profile of the user described by an Environment: Chrome/Chromium/Edge
// (all channels, snap and flatpak), Firefox (XDG, legacy, snap, flatpak), Safari (macOS).
#pragma once

#include <vector>

#include "browsers/browser_profile.h"
#include "platform/environment.h"

namespace cookiewarden {

// Only what exists on disk; never follows a symlink out of a browser's folder. Missing or
// unreadable folders and malformed Local State / profiles.ini are skipped, not errors.
// Ordered by browser table order, then profile directory name.
std::vector<BrowserProfile> discover_profiles(const Environment& env);

}  // namespace cookiewarden
