#include "stores/webkit_cache_storage.h"

#include <optional>

#include "stores/webkit_origin.h"

namespace cookiewarden {
namespace fs = std::filesystem;

std::vector<SiteItem> WebKitCacheStorageStore::site_folders(const SiteMatcher& site) const {
  std::vector<SiteItem> items;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root(), ec)) {
    std::error_code kind_ec;
    if (!entry.is_directory(kind_ec) || entry.is_symlink(kind_ec)) continue;
    std::optional<WebKitClientOrigin> origin = webkit_folder_origin(entry.path());
    if (!origin || !(site.matches_origin(origin->top) || site.matches_origin(origin->frame))) continue;
    SiteItem item;
    item.kind = ItemKind::folder;
    item.host = origin->frame;
    if (origin->top != origin->frame) item.partition = origin->top;
    item.path = entry.path();
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace cookiewarden
