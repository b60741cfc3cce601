// Which site-data stores a profile has and whether this process may read them, from the file
// system alone (nothing is opened or parsed): what `browsers` reports, so a person sees early
// that e.g. Safari needs Full Disk Access.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "browsers/browser_profile.h"

namespace cookiewarden {

struct StorePresence {
  std::string store;  // "cookies", "local_storage", "indexeddb", "storage", "website_data"
  std::filesystem::path path;
  bool present = false;
  bool readable = false;  // present, not a symlink, and readable (and searchable for folders)
};

std::vector<StorePresence> store_presence(const BrowserProfile& profile);

}  // namespace cookiewarden
