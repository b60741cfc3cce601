// WebKit's general storage as a SiteStore: one folder per (top-level origin, origin) pair,
//   <root>/<hash of the top origin>/<hash of the origin>/origin          (webkit_origin.h)
//                                                       /LocalStorage/localstorage.sqlite3
//                                                       /IndexedDB/<hash of the name>/IndexedDB.sqlite3
//                                                       /CacheStorage/, /ServiceWorkers/, ...
// where root is GNOME Web's storage/, Safari's WebKit/WebsiteData/Default or a Safari 17+ named
// profile's Origins/. Every kind of data WebKit keeps per origin lives in that folder, so the site's
// folders go whole: a top-level folder whose top origin is the site (everything embedded while the
// site was the page), and elsewhere each origin folder of the site (the site embedded by others).
// A folder whose origin file is missing or unreadable is not the site's: it is left alone.
#pragma once

#include <filesystem>

#include "stores/site_folders.h"

namespace cookiewarden {

class WebKitOriginStorageStore final : public SiteFolderStore {
 public:
  // `profile_root` bounds what may be removed (folder_removal.h); `root` holds the hashed folders.
  WebKitOriginStorageStore(std::filesystem::path profile_root, std::filesystem::path root)
      : SiteFolderStore(std::move(profile_root), std::move(root)) {}

  std::string_view id() const override { return "webkit_origin_storage"; }

 private:
  std::vector<SiteItem> site_folders(const SiteMatcher& site) const override;
};

}  // namespace cookiewarden
