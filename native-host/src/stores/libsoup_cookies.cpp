#include "stores/libsoup_cookies.h"

namespace cookiewarden {
namespace {

// The columns libsoup reads back; a file without them is not one of its cookie jars. Its
// Firefox-like table has no originAttributes, so Firefox's own file would pass this test too, but
// such a file is never at a GNOME Web profile's path.
bool check_libsoup_schema(SqliteDatabase& db, SkipReason& reason, std::string& message) {
  for (const char* column : {"id", "name", "value", "host", "path", "expiry"}) {
    if (db.has_column("moz_cookies", column)) continue;
    reason = SkipReason::corrupt;
    message = db.file().string() + " is not a libsoup cookie database (no moz_cookies." + column + " column)";
    return false;
  }
  return true;
}

std::string no_partition(std::string_view) { return {}; }

// No partition column: cookie_table finds the rows by host alone.
constexpr CookieTableLayout kLibsoupLayout{"moz_cookies", "host", "", "0", no_partition};

}  // namespace

LibsoupCookieStore::LibsoupCookieStore(std::filesystem::path file)
    : CookieTableStore(std::move(file), "libsoup_cookies", kLibsoupLayout, check_libsoup_schema, /*inspect_checks_schema=*/true) {}

}  // namespace cookiewarden
