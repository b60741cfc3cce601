// WebKit's legacy IndexedDB layout as a SiteStore (GNOME Web's databases/indexeddb/; older
// Safari's WebKit/WebsiteData/IndexedDB/ has it too but is not given this store, README):
//   <root>/v1/<top origin>/<hash of the name>/IndexedDB.sqlite3        first-party databases
//   <root>/v1/<top origin>/<origin>/<hash of the name>/IndexedDB.sqlite3  an embedded origin's
// with origins as database identifiers ("http_www.example.test_0", webkit_origin.h). A top-origin
// folder of the site goes whole (its own databases and those of everything it embedded); elsewhere
// the site's embedded-origin folders go.
#pragma once

#include <filesystem>

#include "stores/site_folders.h"

namespace cookiewarden {

class WebKitIndexedDbStore final : public SiteFolderStore {
 public:
  WebKitIndexedDbStore(std::filesystem::path profile_root, std::filesystem::path root)
      : SiteFolderStore(std::move(profile_root), std::move(root)) {}

  std::string_view id() const override { return "webkit_indexeddb"; }

 private:
  std::vector<SiteItem> site_folders(const SiteMatcher& site) const override;
};

}  // namespace cookiewarden
