// GNOME Web's (Epiphany's) one profile on Linux: its data folder, ~/.local/share/epiphany (or the
// Flatpak's ~/.var/app/org.gnome.Epiphany/data/epiphany). GNOME Web has no named profiles; its
// private and web-app instances keep their data elsewhere and are not looked at.
//
// What the folder holds (observed, Epiphany 43 on WebKitGTK 2.50): cookies.sqlite (libsoup's
// moz_cookies table), localstorage/ and databases/indexeddb/ (WebKit's legacy per-origin layout,
// because GNOME Web names those folders itself), storage/ (WebKit's general storage: one folder per
// origin under salted hashes), serviceworkers/ (registrations and scripts) and itp/, mediakeys/,
// ephy-history.db. Its cache folder holds CacheStorage/ (one folder per origin), WebKitCache/ and
// hsts-storage.sqlite.
#pragma once

#include <vector>

#include "browsers/browser_locations.h"
#include "browsers/browser_profile.h"

namespace cookiewarden {

// GNOME Web's cache folder beside a profile's data folder, where WebKit keeps CacheStorage:
// ~/.local/share/epiphany → ~/.cache/epiphany, the Flatpak's data/epiphany → cache/epiphany. Empty
// for a data folder elsewhere (an XDG_DATA_HOME of one's own): its cache folder cannot be told.
std::filesystem::path gnome_web_cache_dir(const std::filesystem::path& data_dir);

// The "Default" profile at location.root when GNOME Web has written site data there; else none.
std::vector<BrowserProfile> gnome_web_profiles(const BrowserLocation& location);

}  // namespace cookiewarden
