// WebKit's CacheStorage in its own folder as a SiteStore: GNOME Web names that folder
// (~/.cache/epiphany/CacheStorage), so WebKit keeps one folder per origin there,
//   <root>/<salted hash>/origin   (the ClientOrigin, webkit_origin.h)
//                       /cacheslist, /estimatedsize, /Version 16/Records/...
// (observed, WebKitGTK 2.50). A folder belongs to the site by its top-level or its own origin and
// goes whole.
#pragma once

#include <filesystem>

#include "stores/site_folders.h"

namespace cookiewarden {

class WebKitCacheStorageStore final : public SiteFolderStore {
 public:
  // `cache_root` bounds what may be removed (folder_removal.h): the browser's cache folder.
  WebKitCacheStorageStore(std::filesystem::path cache_root, std::filesystem::path root)
      : SiteFolderStore(std::move(cache_root), std::move(root)) {}

  std::string_view id() const override { return "webkit_cache_storage"; }

 private:
  std::vector<SiteItem> site_folders(const SiteMatcher& site) const override;
};

}  // namespace cookiewarden
