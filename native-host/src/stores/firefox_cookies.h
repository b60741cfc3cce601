// Firefox cookies: the `moz_cookies` table of <profile>/cookies.sqlite (WAL mode). Facts:
// shared/notes/browser-storage.md §2.3.
//
// A site's cookies are the rows whose host is the site, ".site" or a subdomain, plus the rows
// whose originAttributes partitionKey names the site (third-party cookies set while the site was
// the top-level page; "^partitionKey=%28https%2Csite%29", possibly with a port).
#pragma once

#include <filesystem>
#include <string>

#include "stores/cookie_table_store.h"

namespace cookiewarden {

class FirefoxCookieStore final : public CookieTableStore {
 public:
  // PRAGMA user_version of Firefox ESR 153 (COOKIES_SCHEMA_VERSION). Newer files are not written.
  static constexpr int kNewestKnownVersion = 17;
  // The oldest layout seen in the wild (kooky's fixture, with baseDomain).
  static constexpr int kOldestKnownVersion = 8;

  explicit FirefoxCookieStore(std::filesystem::path file);
};

}  // namespace cookiewarden
