// Chromium's localStorage: the LevelDB at <profile>/Local Storage/leveldb (bytewise comparator,
// snappy), edited with the stock LevelDB library. Facts: shared/notes/browser-storage.md §1.5.
//
// Keys per storage key SK:   "_" SK "\0" <encoded key>   the data (value: same encoding)
//                            "META:" SK, "METAACCESS:" SK  bookkeeping
// SK is the origin without a trailing slash ("https://www.example.com") for first-party storage,
// or "<origin>/^0<top-level site>" for storage partitioned under a top-level site. A site owns SK
// when the origin's host belongs to it or when the ^0 top-level site does. Encoded keys and
// values start with 0x01 (Latin-1 follows) or 0x00 (UTF-16LE follows).
//
// Reports read a private copy; deletions open it in place, skipped as locked while Chromium runs
// (chromium_leveldb.h).
#pragma once

#include <filesystem>
#include <string>

#include "deletion/site_store.h"

namespace cookiewarden {

class ChromiumLocalStorageStore final : public SiteStore {
 public:
  // `leveldb_dir` is <profile>/Local Storage/leveldb.
  explicit ChromiumLocalStorageStore(std::filesystem::path leveldb_dir) : dir_(std::move(leveldb_dir)) {}

  std::string_view id() const override { return "chromium_local_storage"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool undoable() const override { return true; }

 private:
  std::filesystem::path dir_;
};

// The storage key's origin and its ^0 top-level site ("" when first-party), e.g.
// "http://ads.test:8765/^0http://keep.test" → {"http://ads.test:8765", "http://keep.test"}.
struct StorageKeyParts {
  std::string_view origin;
  std::string_view top_level_site;
};
StorageKeyParts split_storage_key(std::string_view storage_key);

// A localStorage key or value as Chromium encodes it (0x01 + Latin-1, 0x00 + UTF-16LE) as UTF-8;
// unpaired surrogates and unknown prefixes become U+FFFD.
std::string decode_local_storage_string(std::string_view encoded);

}  // namespace cookiewarden
