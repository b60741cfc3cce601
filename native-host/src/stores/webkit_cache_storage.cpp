#include "stores/webkit_cache_storage.h"

#include "stores/webkit_origin.h"

namespace cookiewarden {

std::vector<SiteItem> WebKitCacheStorageStore::site_folders(const SiteMatcher& site) const {
  std::vector<SiteItem> items;
  for (const auto& [folder, origin] : webkit_origin_folders(root()))
    if (site.matches_origin(origin.top) || site.matches_origin(origin.frame))
      items.push_back(webkit_folder_item(folder, origin, ItemKind::folder));
  return items;
}

}  // namespace cookiewarden
