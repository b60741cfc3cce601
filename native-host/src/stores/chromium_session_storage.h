// Chromium's sessionStorage: the LevelDB at <profile>/Session Storage (bytewise comparator, as
// Local Storage; chromium_leveldb.h). Chromium clears it at startup unless the session is
// restored, in which case each restored tab gets its sessionStorage back from here.
//
//   "version"                                  "1"
//   "next-map-id"                              the next free map number, decimal
//   "namespace-" <36-char id> "-" <storage key>  the map number (decimal) of one tab's origin
//   "map-" <number> "-" <key>                  one key's value (UTF-16LE)
//
// The storage key is "https://www.example.com/" or, partitioned, "https://ads.test/^0https://site".
// A map is shared by the namespaces of cloned tabs (copy on write). A site's namespace entries
// are removed, and a map's entries only when no namespace left still points at that map.
// Facts: shared/notes/browser-storage.md §1.5 (search "Session Storage").
#pragma once

#include <filesystem>

#include "deletion/site_store.h"

namespace cookiewarden {

class ChromiumSessionStorageStore final : public SiteStore {
 public:
  // `leveldb_dir` is <profile>/Session Storage.
  explicit ChromiumSessionStorageStore(std::filesystem::path leveldb_dir) : dir_(std::move(leveldb_dir)) {}

  std::string_view id() const override { return "chromium_session_storage"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool undoable() const override { return true; }

 private:
  std::filesystem::path dir_;
};

}  // namespace cookiewarden
