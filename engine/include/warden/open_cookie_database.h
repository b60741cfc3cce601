// Importer for the Open Cookie Database CSV (Apache-2.0, jkwakman/Open-Cookie-Database).
//
// Columns (found by name, any order): ID, Platform, Category, Cookie / Data Key name, Domain,
// Description, Retention period, Data Controller, User Privacy & GDPR Rights Portals, Wildcard match.
//
// Categories: Security and Necessary map to necessary, Personalization to functional, Analytics
// to analytics, Marketing to marketing; it has no social category. Its "Functional" mixes what a
// site cannot work without (necessary) with chat widgets, embedded players and preference tools
// (functional) and the technical cookies of analytics and ad tools (analytics, marketing): a table
// of platforms (and of names, for platforms that serve both) in open_cookie_database.cpp says which
// rows are not necessary. Any other category skips the row.
//
// Names. "Wildcard match" = 1 makes a prefix rule, and so does a name ending in '_': the database
// lists the stem of names that carry a site or account id (Hm_lvt_<site id> has flag 0), and a
// prefix rule still matches the bare stem. A trailing '*' and the placeholders NNN and %...% at the
// end ("pm_sess_NNN", "pagead/conv/%INTEGER%") also mark prefixes. Names that are not ASCII
// cookie tokens (spaces, ';', '=', control or non-ASCII bytes) are skipped.
//
// Domains. "facebook.com (3rd party)", ".bing.com (3rd party) or .microsoft.com (3rd party)" and
// "ads-[account].adhese.com" are cleaned to hosts (one rule per host; a placeholder label is
// dropped, leaving its parent domain); a domain that is still not a host is ignored.
//
// Generic versus distinctive. Generic names collide with sites' own cookies ("sessionid" is listed
// for Instagram, "locale" and "s" for Facebook, "lang" for LinkedIn), so a generic name keeps its
// domain, and a generic name without a domain is skipped. A name is generic when it
//   - is at most 2 characters ("s", "id", "_s"), or at most 3 and not starting with '_' ("fr",
//     "SID", "IDE"; "_ga" stays distinctive), or a prefix of at most 3 characters ("_ut" as a
//     prefix would claim "_utm_source"...), or
//   - consists of lower-case letters only (a word such as "presence", "datr", "lantern"), unless
//     it contains the platform's name ("hubspotutk" for HubSpot), or
//   - is, ignoring case and the separators '_', '-', '.', a common word of site code ("session_id",
//     "XSRF-TOKEN", "user_id", "language", ...).
// Every other name is distinctive ("_ga", "__utma", "_fbp", "PHPSESSID", "Hm_lvt_") and becomes a
// name-only rule, which also classifies first-party copies of the cookie. "IDE" is three letters
// like "SID" and "UID", so it stays bound to doubleclick.net, where it is always set.
//
// The first row that produces a given (name, prefix, domain) rule owns it; later rows with the same
// rule are skipped as duplicates, so the result never has two vendors claiming one rule.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "warden/status.h"
#include "warden/vendor_database.h"

namespace warden {

struct OpenCookieImport {
  VendorDatabase database;   // one vendor per (platform, category)
  std::size_t rows = 0;      // data rows (the header and blank lines are not rows)
  std::size_t imported = 0;  // rows that produced at least one rule
  std::size_t skipped = 0;   // rows without a usable name or category; imported + skipped == rows
  std::map<std::string, std::size_t> skipped_by_reason;
};

// Malformed CSV (an unterminated quote, text after a closing quote) or a missing column is an
// error (Status::invalid_rule, detail names the line); a bad row is skipped and counted.
Result<OpenCookieImport> import_open_cookie_database(std::string_view csv);

}  // namespace warden
