// Safari's cookies as a SiteStore: <profile>/Cookies/Cookies.binarycookies, where the profile is
// the sandbox container's Data/Library, the legacy ~/Library, or a Safari 17+
// WebKit/WebsiteDataStore/<uuid> folder (browsers/safari_profiles.h). The format and the
// byte-for-byte rewrite live in safari_binarycookies.h.
//
// A site's cookies are the records whose domain the SiteMatcher accepts (the site, ".site" and
// its subdomains). The file has no partitioned cookies to match by top-level site.
// A sweep removes the records its CookieSelector selects.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "browsers/browser_profile.h"
#include "deletion/site_store.h"
#include "stores/safari_binarycookies.h"

namespace cookiewarden {

class SafariCookieStore final : public SiteStore {
 public:
  explicit SafariCookieStore(std::filesystem::path file) : file_(std::move(file)) {}
  // The store of one Safari profile.
  static SafariCookieStore for_profile(const BrowserProfile& profile);

  std::string_view id() const override { return "safari_cookies"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool holds_cookies() const override { return true; }
  StoreOutcome remove_cookies(CookieSelector& selector, bool dry_run) override;
  std::vector<std::string> cookie_domains() const override;
  bool undoable() const override { return true; }

 private:
  StoreOutcome run(CookieSelector& selector, bool write) const;

  std::filesystem::path file_;
};

}  // namespace cookiewarden
