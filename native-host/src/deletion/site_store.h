// The contract between the deletion orchestration (site_deletion.h) and each on-disk store of
// site data: Chromium cookies, Local Storage, Session Storage and IndexedDB; Firefox cookies,
// storage/ and session files; Safari's binarycookies and WebKit general storage; GNOME Web's.
// One SiteStore knows one format in one profile.
//
// A store never decides whether a profile may be touched: site_deletion checks that the browser
// is closed before it calls remove(). A store reports; it does not throw and does not print.
//
// Plugging a store in: implement SiteStore, construct it in the factory for the
// browser family in site_deletion.cpp (`site_stores_for`), and test it on its own.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "deletion/cookie_selector.h"
#include "deletion/site_matcher.h"

namespace cookiewarden {

class StoreJournal;

// Why a store, or a whole profile, was left untouched. The names are the wire form: append
// only, never rename.
enum class SkipReason : std::uint8_t {
  none = 0,                 // not skipped: the store was read (inspect) or edited (remove)
  not_present,              // the profile has no such store: nothing to do, not an error
  running,                  // the browser that owns the profile is running: close it first
  locked,                   // another process holds the file (SQLITE_BUSY, LevelDB LOCK, EBUSY)
  permission_denied,        // EACCES, EROFS, EPERM off macOS (stores/errno_skip_reason.h)
  schema_too_new,           // a schema version newer than we know: never written
  full_disk_access_needed,  // macOS TCC protects the file (Safari's container): grant access
  unsafe_path,              // a symlink or a path that leaves the profile: never followed
  corrupt,                  // not a valid file of its format: left exactly as it was
  io_error,                 // any other read or write failure
  interrupted,              // a stop was asked for (signal, closed port) before this store began
};

// "none", "not_present", "running", "locked", ...
std::string_view skip_reason_name(SkipReason reason);

enum class ItemKind : std::uint8_t {
  cookie,         // one cookie row/record
  local_storage,  // one localStorage key of an origin (LevelDB or SQLite)
  indexeddb,      // one origin's (or bucket's) IndexedDB folder
  folder,         // any other per-origin folder (Firefox storage/default/<origin>, Safari origins)
  quota_record,   // a bookkeeping row that points at removed data (QuotaManager, storage.sqlite)
  session_storage,  // one sessionStorage key of an origin (Chromium Session Storage, Firefox session restore)
};

// "cookie", "local_storage", "indexeddb", "folder", "quota_record", "session_storage".
std::string_view item_kind_name(ItemKind kind);

// One thing a site holds in a store.
struct SiteItem {
  ItemKind kind = ItemKind::cookie;
  // Cookies: the domain as stored (".example.com", "www.example.com"). Everything else: the
  // origin or storage key ("https://www.example.com", "https://ads.test/^0https://example.com").
  std::string host;
  std::string name;  // cookie name; localStorage/sessionStorage key (UTF-8, lossy for UTF-16 keys); else empty
  // The top-level site of partitioned data, in every store "scheme://site[:port]"
  // ("https://example.com", from Chromium's ^0 site and Firefox's "(https,example.com)"); else empty.
  std::string partition;
  std::filesystem::path path;  // folders and files: what is removed
  std::uint64_t bytes = 0;     // bytes on disk for folders/files; value bytes for localStorage; 0 for rows
};

// What one store holds for a site (inspect), or what it deleted (remove), or would delete
// (remove with dry_run: the same list a real run produces).
struct StoreOutcome {
  std::string store;               // the store's id()
  std::filesystem::path location;  // the file or folder the store works on
  SkipReason skipped = SkipReason::none;
  std::string message;             // when skipped: the cause in words, naming the file
  std::vector<SiteItem> items;     // empty when skipped

  bool handled() const { return skipped == SkipReason::none; }
  std::uint64_t total_bytes() const;
  std::size_t count(ItemKind kind) const;
};

class SiteStore {
 public:
  virtual ~SiteStore() = default;

  // Stable id: "chromium_cookies", "chromium_local_storage", "chromium_indexeddb",
  // "firefox_cookies", "firefox_site_storage", "safari_cookies", ...
  virtual std::string_view id() const = 0;

  // Reads what the site holds. Changes nothing on disk: no journal, WAL, LOCK or compaction left
  // behind. Works while the browser runs (it may then miss data the browser has not flushed).
  virtual StoreOutcome inspect(const SiteMatcher& site) const = 0;

  // Deletes everything the site holds in this store, all or nothing: on any failure nothing is
  // changed and `skipped` says why. With dry_run, runs the same code up to the first write and
  // returns the same items a real run would delete.
  virtual StoreOutcome remove(const SiteMatcher& site, bool dry_run) = 0;

  // Cookie stores only (holds_cookies()): removes the cookies `selector` selects, with remove()'s
  // guarantees (all or nothing, journaled first, dry_run). What a sweep under a policy edits.
  virtual bool holds_cookies() const { return false; }
  virtual StoreOutcome remove_cookies(CookieSelector& selector, bool dry_run);

  // Where remove() records what it is about to delete, before deleting it, so that `cookiewarden
  // undo` can put it back (undo/deletion_journal.h). Null (the default): nothing is recorded. A
  // store that cannot write its record deletes nothing and is skipped as io_error.
  void record_removals_in(StoreJournal* journal) { journal_ = journal; }
  // Whether remove() records into that journal. A store that does not is named in the
  // deletion's report as not undoable.
  virtual bool undoable() const { return false; }

  // Every cookie domain in the store, one entry per cookie, as stored (".example.com"): what
  // `cookiewarden sites` ranks sites by. Stores that hold no cookies keep this default; a store
  // that cannot be read returns what it could read (possibly nothing).
  virtual std::vector<std::string> cookie_domains() const { return {}; }

 protected:
  StoreJournal* journal() const { return journal_; }

 private:
  StoreJournal* journal_ = nullptr;
};

// {"store","location","skipped","message","items":[{"kind","host","name","partition","path","bytes"}]}
// ("skipped" is null when handled; empty fields are left out of items).
void to_json(nlohmann::json& out, const StoreOutcome& outcome);
void to_json(nlohmann::json& out, const SiteItem& item);

}  // namespace cookiewarden
