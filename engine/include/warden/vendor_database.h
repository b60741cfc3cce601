// The vendor database: who a third party is, which category it serves, and how to recognise its
// requests and cookies. Source format: JSON files in engine/rules/ (documented in
// engine/rules/README.md). One vendor has one category; a company serving several purposes is
// several vendors (reCAPTCHA is necessary, Google Ads is marketing, both on www.google.com).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "warden/category.h"
#include "warden/status.h"

namespace warden {

struct HostRule {
  std::string host;         // matches the host and its subdomains ("google-analytics.com")
  // optional: "/recaptcha/" (matched against the URL path, case-sensitive); a '*' segment stands
  // for any one path segment ("/firebasejs/*/firebase-analytics", "/*/fbevents.js")
  std::string path_prefix;
};

struct CookieRule {
  std::string name;    // exact name, or a prefix when `prefix` ("_ga_", "_aw_m_")
  bool prefix = false;
  std::string domain;  // optional: cookie domain must be this host or below it; empty = any site
};

struct Vendor {
  std::string id;       // stable key ("google-analytics")
  std::string name;     // display name ("Google Analytics")
  Category category = Category::unknown;
  std::vector<HostRule> hosts;
  std::vector<CookieRule> cookies;
  std::string source;   // where the facts come from (vendor docs, OCD rows), for the README
};

struct VendorDatabase {
  std::vector<Vendor> vendors;
};

Result<VendorDatabase> parse_vendor_database(std::string_view json);
// Whether every '*' of a host rule's path is a whole path segment before any '?' ("/*/x.js"),
// the only wildcard HostRule::path_prefix may hold.
bool path_wildcards_are_segments(std::string_view path);
std::string vendor_database_to_json(const VendorDatabase& db);

}  // namespace warden
