// WebKit's legacy IndexedDB layout as a SiteStore (GNOME Web's databases/indexeddb/, older
// Safari's WebKit/WebsiteData/IndexedDB/):
//   <root>/v1/<top origin>/<hash of the name>/IndexedDB.sqlite3        first-party databases
//   <root>/v1/<top origin>/<origin>/<hash of the name>/IndexedDB.sqlite3  an embedded origin's
// with origins as database identifiers ("http_www.example.test_0", webkit_origin.h). A top-origin
// folder of the site goes whole (its own databases and those of everything it embedded); elsewhere
// the site's embedded-origin folders go.
#pragma once

#include <filesystem>

#include "deletion/site_store.h"

namespace cookiewarden {

class WebKitIndexedDbStore final : public SiteStore {
 public:
  WebKitIndexedDbStore(std::filesystem::path profile_root, std::filesystem::path root)
      : profile_(std::move(profile_root)), root_(std::move(root)) {}

  std::string_view id() const override { return "webkit_indexeddb"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool undoable() const override { return true; }

 private:
  std::vector<SiteItem> site_folders(const SiteMatcher& site) const;

  std::filesystem::path profile_;
  std::filesystem::path root_;
};

}  // namespace cookiewarden
