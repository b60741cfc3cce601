#include "stores/webkit_origin_storage.h"

#include <optional>

#include "platform/path_presence.h"
#include "stores/webkit_origin.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

SiteItem folder_item(const fs::path& path, const WebKitClientOrigin& origin) {
  SiteItem item;
  item.kind = ItemKind::folder;
  item.host = origin.frame;
  if (origin.top != origin.frame) item.partition = origin.top;
  item.path = path;
  return item;
}

}  // namespace

std::vector<SiteItem> WebKitOriginStorageStore::site_folders(const SiteMatcher& site) const {
  std::vector<SiteItem> items;
  std::error_code ec;
  for (const auto& top : fs::directory_iterator(root(), ec)) {
    if (!is_real_directory(top.path())) continue;
    std::vector<SiteItem> matching;
    std::optional<WebKitClientOrigin> partition;  // set when the folder's top origin is the site
    std::error_code inner_ec;
    for (const auto& frame : fs::directory_iterator(top.path(), inner_ec)) {
      if (!is_real_directory(frame.path())) continue;
      std::optional<WebKitClientOrigin> origin = webkit_folder_origin(frame.path());
      if (!origin) continue;
      if (site.matches_origin(origin->top)) partition = WebKitClientOrigin{origin->top, origin->top};
      if (site.matches_origin(origin->top) || site.matches_origin(origin->frame))
        matching.push_back(folder_item(frame.path(), *origin));
    }
    // The whole partition goes, with whatever it holds besides the origin folders.
    if (partition) items.push_back(folder_item(top.path(), *partition));
    else items.insert(items.end(), matching.begin(), matching.end());
  }
  return items;
}

}  // namespace cookiewarden
