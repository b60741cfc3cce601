#include "stores/webkit_origin_storage.h"

#include <optional>

#include "platform/path_presence.h"
#include "stores/webkit_origin.h"

namespace cookiewarden {
namespace fs = std::filesystem;

std::vector<SiteItem> WebKitOriginStorageStore::site_folders(const SiteMatcher& site) const {
  std::vector<SiteItem> items;
  std::error_code ec;
  for (const auto& top : fs::directory_iterator(root(), ec)) {
    if (!is_real_directory(top.path())) continue;
    std::vector<SiteItem> matching;
    std::optional<WebKitClientOrigin> partition;  // set when the folder's top origin is the site
    for (const auto& [frame, origin] : webkit_origin_folders(top.path())) {
      if (site.matches_origin(origin.top)) partition = WebKitClientOrigin{origin.top, origin.top};
      if (site.matches_origin(origin.top) || site.matches_origin(origin.frame))
        matching.push_back(webkit_folder_item(frame, origin, ItemKind::folder));
    }
    // The whole partition goes, with whatever it holds besides the origin folders.
    if (partition) items.push_back(webkit_folder_item(top.path(), *partition, ItemKind::folder));
    else items.insert(items.end(), matching.begin(), matching.end());
  }
  return items;
}

}  // namespace cookiewarden
