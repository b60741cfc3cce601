// Chromium, Chrome and Edge cookies: the SQLite `cookies` table of <profile>/Cookies
// (<profile>/Network/Cookies on Windows and after the Chrome 96 move; `Extension Cookies` has
// the same schema). Facts: shared/notes/browser-storage.md §1.2, §1.3.
//
// A site's cookies are the rows whose host_key is the site, ".site" or a subdomain of it, plus
// the partitioned (CHIPS) rows whose top_frame_site_key is the site ("https://site"): those were
// set by third parties while the site was the top-level page. Only host_key, name and
// top_frame_site_key are read; values stay encrypted and untouched.
#pragma once

#include <filesystem>
#include <string>

#include "stores/cookie_table_store.h"

namespace cookiewarden {

class ChromiumCookieStore final : public CookieTableStore {
 public:
  // meta.version of Chromium 156. Newer files (version or last_compatible_version above this)
  // are never written: a later schema could give host_key a meaning we do not know.
  static constexpr int kNewestKnownVersion = 24;
  // The oldest layout seen in the wild (kooky's macOS fixture): no top_frame_site_key yet.
  static constexpr int kOldestKnownVersion = 9;

  explicit ChromiumCookieStore(std::filesystem::path file, std::string id = "chromium_cookies");
};

}  // namespace cookiewarden
