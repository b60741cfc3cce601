// Chromium IndexedDB and the other per-bucket storage (shared/notes/browser-storage.md §1.1, §1.6):
//   <profile>/IndexedDB/<scheme>_<host>_<port>.indexeddb.leveldb (+ .indexeddb.blob)
//       first-party data in the default bucket; port 0 when it is the scheme's default
//   <profile>/WebStorage/<bucket id>/...   (IndexedDB, CacheStorage, ... of non-default buckets
//       and of third-party storage partitioned under a top-level site)
//   <profile>/WebStorage/QuotaManager      SQLite; buckets(id, storage_key, host, ...)
// IndexedDB LevelDBs use Chromium's own comparator (idb_cmp1), so they are never opened: a site's
// data goes by removing whole folders, together with its QuotaManager bucket rows, in one
// transaction on QuotaManager (folders are staged aside first, see folder_removal.h).
#pragma once

#include <filesystem>
#include <string>

#include "deletion/site_store.h"

namespace cookiewarden {

class ChromiumIndexedDbStore final : public SiteStore {
 public:
  explicit ChromiumIndexedDbStore(std::filesystem::path profile_dir) : profile_(std::move(profile_dir)) {}

  std::string_view id() const override { return "chromium_indexeddb"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool undoable() const override { return true; }

 private:
  std::filesystem::path profile_;
};

// "http_www.example.test_8765.indexeddb.leveldb" → "www.example.test"; empty when the name is
// not a legacy IndexedDB folder.
std::string indexeddb_folder_host(std::string_view folder_name);

}  // namespace cookiewarden
