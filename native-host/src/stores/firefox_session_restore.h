// Firefox's session restore files: with "restore previous session" on (browser.startup.page=3),
// Firefox keeps session cookies and each tab's sessionStorage in them and brings both back on the
// next start, so a site's data deleted everywhere else would return. Facts:
// shared/notes/browser-storage.md §2.3 "Session restore pitfall".
//
//   <profile>/sessionstore.jsonlz4                    written at a clean quit, read first
//   <profile>/sessionstore-backups/recovery.jsonlz4   written while running, and recovery.baklz4
//   <profile>/sessionstore-backups/previous.jsonlz4   the last session; upgrade.jsonlz4-<build>
//
// Each is mozLz4 (mozlz4.h) around JSON. What belongs to a site:
//   "cookies": [{"host", "name", "path", "originAttributes": {"partitionKey": "(https,site)"}, ...}]
//       at the top level (older versions: in each window);
//   tabs (open, closed, in closed windows and saved groups): "storage": {origin: {key: value}}
//       where origin may carry a suffix: "https://ads.test^partitionKey=%28https%2Csite%29".
//
// A sweep (remove_cookies) takes out the cookies its policy refuses, the same way, and leaves
// sessionStorage alone.
//
// One store per file, so each file is edited all or nothing and a file that does not decode or
// parse is reported corrupt (and left untouched) without keeping the others from being cleaned.
// A rewrite keeps everything else (other cookies, windows, tabs, closed windows, key order) and
// replaces the file atomically (platform/file_replacement.h: a new file beside it with the
// original's mode, flushed, renamed over it unless the original changed meanwhile).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "deletion/site_store.h"
#include "warden/status.h"

namespace cookiewarden {

class FirefoxSessionRestoreStore final : public SiteStore {
 public:
  explicit FirefoxSessionRestoreStore(std::filesystem::path session_file) : file_(std::move(session_file)) {}

  std::string_view id() const override { return "firefox_session_restore"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  // A sweep's refused cookies come back with the session too: they are taken out the same way
  // (sessionStorage is not a cookie and stays).
  bool holds_cookies() const override { return true; }
  StoreOutcome remove_cookies(CookieSelector& selector, bool dry_run) override;

 private:
  std::filesystem::path file_;
};

// The session files of a profile: sessionstore.jsonlz4 (whether or not it exists, so a profile
// without one reports it not_present) and every mozLz4 file in sessionstore-backups/.
std::vector<std::filesystem::path> firefox_session_files(const std::filesystem::path& profile_dir);

// A session document without a site's data: `items` lists what was taken out, `json` is the
// document after (equal in meaning to the input when nothing matched).
struct SessionFiltering {
  std::vector<SiteItem> items;
  std::string json;
};

// Parses session JSON and takes out the site's cookies and sessionStorage origins. Not JSON, or
// nested deeper than any session file is, gives invalid_json.
warden::Result<SessionFiltering> filter_session_json(std::string_view json, const SiteMatcher& site);

}  // namespace cookiewarden
