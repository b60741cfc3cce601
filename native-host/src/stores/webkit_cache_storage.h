// WebKit's CacheStorage in its own folder as a SiteStore: GNOME Web names that folder
// (~/.cache/epiphany/CacheStorage), so WebKit keeps one folder per origin there,
//   <root>/<salted hash>/origin   (the ClientOrigin, webkit_origin.h)
//                       /cacheslist, /estimatedsize, /Version 16/Records/...
// (observed, WebKitGTK 2.50). A folder belongs to the site by its top-level or its own origin and
// goes whole.
#pragma once

#include <filesystem>

#include "deletion/site_store.h"

namespace cookiewarden {

class WebKitCacheStorageStore final : public SiteStore {
 public:
  // `cache_root` bounds what may be removed (folder_removal.h): the browser's cache folder.
  WebKitCacheStorageStore(std::filesystem::path cache_root, std::filesystem::path root)
      : cache_(std::move(cache_root)), root_(std::move(root)) {}

  std::string_view id() const override { return "webkit_cache_storage"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool undoable() const override { return true; }

 private:
  std::vector<SiteItem> site_folders(const SiteMatcher& site) const;

  std::filesystem::path cache_;
  std::filesystem::path root_;
};

}  // namespace cookiewarden
