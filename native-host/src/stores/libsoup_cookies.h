// GNOME Web's cookies: libsoup's SoupCookieJarDB file <profile>/cookies.sqlite, a table modelled on
// old Firefox's, moz_cookies(id, name, value, host, path, expiry, lastAccessed, isSecure,
// isHttpOnly, sameSite) with user_version 0 (observed, libsoup 3 under Epiphany 43). It has no
// partitioned cookies: a site's cookies are the rows whose host is the site, ".site" or a subdomain.
// libsoup reads the file once at start and writes every change through, so the browser must be
// closed (a running one would write deleted cookies back from memory).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "deletion/site_store.h"

namespace cookiewarden {

class LibsoupCookieStore final : public SiteStore {
 public:
  explicit LibsoupCookieStore(std::filesystem::path file) : file_(std::move(file)) {}

  std::string_view id() const override { return "libsoup_cookies"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool holds_cookies() const override { return true; }
  StoreOutcome remove_cookies(CookieSelector& selector, bool dry_run) override;
  bool undoable() const override { return true; }
  std::vector<std::string> cookie_domains() const override;

 private:
  std::filesystem::path file_;
};

}  // namespace cookiewarden
