// Importer for the Open Cookie Database CSV (Apache-2.0, jkwakman/Open-Cookie-Database).
//
// Its "Functional" category means strictly necessary; Personalization maps to functional; it has no
// social category. Generic names ("sessionid", "lang", "s") collide with sites' own cookies, so a
// row becomes a name-only rule only when its name is distinctive; otherwise it keeps its domain.
#pragma once

#include <string_view>

#include "warden/status.h"
#include "warden/vendor_database.h"

namespace warden {

struct OpenCookieImport {
  VendorDatabase database;   // one vendor per (platform, category)
  std::size_t rows = 0;
  std::size_t imported = 0;
  std::size_t skipped = 0;   // rows without a usable name or category
};

Result<OpenCookieImport> import_open_cookie_database(std::string_view csv);

}  // namespace warden
