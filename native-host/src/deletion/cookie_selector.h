// Which stored cookies a cookie store edits. The cookie stores (Chromium, Firefox, Safari) read
// every candidate row or record and ask a selector about it, so that "this site's cookies"
// (SiteCookieSelector) and "the cookies a consent policy refuses" (a sweep, policy_cookie_selector.h)
// go through the same reading, journaling and all-or-nothing editing.
#pragma once

#include <string_view>

#include "deletion/site_matcher.h"

namespace cookiewarden {

// One stored cookie as the stores hand it over: views valid for the call only.
struct StoredCookieFields {
  std::string_view domain;  // as stored: ".example.com" (domain cookie) or "www.example.com" (host-only)
  std::string_view name;
  std::string_view path;    // "/" when the store has none
  // The top-level site a partitioned cookie was set under, "scheme://site[:port]"; empty otherwise.
  std::string_view partition;
};

class CookieSelector {
 public:
  virtual ~CookieSelector() = default;

  // Whether the cookie is selected. Every store asks once per stored cookie in each inspect or
  // remove (Safari once per distinct record: two byte-identical records get one answer), so a
  // selector may count what it saw.
  virtual bool selects(const StoredCookieFields& cookie) = 0;

  // A cheap pre-filter for SQL stores: every selected unpartitioned cookie's domain ends with this
  // text (partitioned rows are always asked). Empty: every row is a candidate.
  virtual std::string_view domain_suffix() const { return {}; }
};

// A site's cookies: its own (the site, ".site" and subdomains, as SiteMatcher decides) and those
// third parties set while it was the top-level page (their partition is the site).
class SiteCookieSelector final : public CookieSelector {
 public:
  explicit SiteCookieSelector(const SiteMatcher& site) : site_(site) {}

  bool selects(const StoredCookieFields& cookie) override {
    return (!cookie.partition.empty() && site_.matches_origin(cookie.partition)) || site_.matches_host(cookie.domain);
  }
  std::string_view domain_suffix() const override { return site_.site(); }

 private:
  const SiteMatcher& site_;
};

}  // namespace cookiewarden
