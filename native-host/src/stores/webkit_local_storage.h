// WebKit's legacy localStorage layout as a SiteStore: one SQLite file per origin,
//   <folder>/<scheme>_<host>_<port>.localstorage  (+ -wal, -shm), table ItemTable(key, value)
// (webkit_origin.h for the name; the value is UTF-16LE text). GNOME Web keeps it in localstorage/ because it names that folder
// itself. Older Safari's WebKit/WebsiteData/LocalStorage has this layout but is not given this
// store (README: Safari's legacy folders are not handled). A site's files go whole, with their
// write-ahead log (which holds the newest keys until WebKit checkpoints it). Files are not opened:
// the name says whose they are; the keys shown come from reading ItemTable, read only. Third-party localStorage is not in this layout (WebKit keeps
// partitioned storage in the general storage folder: webkit_origin_storage.h).
#pragma once

#include <filesystem>

#include "deletion/site_store.h"

namespace cookiewarden {

class WebKitLocalStorageStore final : public SiteStore {
 public:
  WebKitLocalStorageStore(std::filesystem::path profile_root, std::filesystem::path folder)
      : profile_(std::move(profile_root)), folder_(std::move(folder)) {}

  std::string_view id() const override { return "webkit_local_storage"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool undoable() const override { return true; }

 private:
  std::vector<SiteItem> site_files(const SiteMatcher& site) const;

  std::filesystem::path profile_;
  std::filesystem::path folder_;
};

}  // namespace cookiewarden
