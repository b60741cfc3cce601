#include "stores/webkit_indexeddb.h"

#include "platform/path_presence.h"
#include "stores/webkit_origin.h"

namespace cookiewarden {
namespace fs = std::filesystem;

std::vector<SiteItem> WebKitIndexedDbStore::site_folders(const SiteMatcher& site) const {
  std::vector<SiteItem> items;
  std::error_code ec;
  for (const auto& top : fs::directory_iterator(root() / "v1", ec)) {
    std::string top_origin = webkit_identifier_origin(top.path().filename().string());
    if (top_origin.empty() || !is_real_directory(top.path())) continue;
    if (site.matches_origin(top_origin)) {
      items.push_back(webkit_folder_item(top.path(), {top_origin, top_origin}, ItemKind::indexeddb));
      continue;
    }
    // Database folders are hashes, which are no identifiers: only embedded origins are listed.
    std::error_code inner_ec;
    for (const auto& frame : fs::directory_iterator(top.path(), inner_ec)) {
      std::string origin = webkit_identifier_origin(frame.path().filename().string());
      if (!origin.empty() && is_real_directory(frame.path()) && site.matches_origin(origin))
        items.push_back(webkit_folder_item(frame.path(), {top_origin, origin}, ItemKind::indexeddb));
    }
  }
  return items;
}

}  // namespace cookiewarden
