// GNOME Web's cookies: libsoup's SoupCookieJarDB file <profile>/cookies.sqlite, a table modelled on
// old Firefox's, moz_cookies(id, name, value, host, path, expiry, lastAccessed, isSecure,
// isHttpOnly, sameSite) with user_version 0 (observed, libsoup 3 under Epiphany 43). It has no
// partitioned cookies: a site's cookies are the rows whose host is the site, ".site" or a subdomain.
// libsoup reads the file once at start and writes every change through, so the browser must be
// closed (a running one would write deleted cookies back from memory).
#pragma once

#include <filesystem>

#include "stores/cookie_table_store.h"

namespace cookiewarden {

class LibsoupCookieStore final : public CookieTableStore {
 public:
  explicit LibsoupCookieStore(std::filesystem::path file);
};

}  // namespace cookiewarden
