// Firefox per-origin site data (shared/notes/browser-storage.md §2.4): the QuotaManager folders
//   <profile>/storage/{default,temporary,permanent}/<origin dir>/   (LocalStorage ls/, IndexedDB
//       idb/, CacheStorage cache/, ...), e.g. "https+++www.example.com",
//       "http+++ads.test+8765^partitionKey=%28http%2Ckeep.test%29"
// their rows in <profile>/storage.sqlite (`origin` table, the quota cache), and the legacy
// localStorage tables `webappsstore2` in <profile>/storage/ls-archive.sqlite and
// <profile>/webappsstore.sqlite (originKey = reversed host + ".:scheme:port").
//
// A folder's origin is read from its .metadata-v2 file (big-endian: i64 last access, u8
// persisted, u32 flags, u32 reserved, then u32-length strings suffix, group, origin, then u8);
// when that file is missing or unreadable the folder name is parsed instead. A folder belongs to
// the site by its origin's host or by its partitionKey.
//
// Not handled: session-restore cookies and sessionStorage inside sessionstore.jsonlz4 (mozLz4).
#pragma once

#include <filesystem>
#include <string>

#include "deletion/site_store.h"

namespace cookiewarden {

class FirefoxSiteStorageStore final : public SiteStore {
 public:
  explicit FirefoxSiteStorageStore(std::filesystem::path profile_dir) : profile_(std::move(profile_dir)) {}

  std::string_view id() const override { return "firefox_site_storage"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool undoable() const override { return true; }

 private:
  std::filesystem::path profile_;
};

// The origin (with its "^..." suffix, if any) stored in a .metadata-v2 file; empty when the
// bytes are not one.
std::string firefox_metadata_origin(std::string_view metadata_v2);

// The origin a storage folder name stands for: "http+++www.example.test+8765^partitionKey=…"
// → "http://www.example.test:8765^partitionKey=…". Empty when the name has no "+++".
std::string firefox_folder_origin(std::string_view folder_name);

// The host of a webappsstore2 originKey ("tset.elpmaxe.www.:http:8765" → "www.example.test").
std::string firefox_origin_key_host(std::string_view origin_key);

}  // namespace cookiewarden
