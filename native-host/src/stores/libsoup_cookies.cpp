#include "stores/libsoup_cookies.h"

#include "stores/cookie_table.h"
#include "stores/sqlite_row_deletion.h"

namespace cookiewarden {
namespace {

// The columns libsoup reads back; a file without them is not one of its cookie jars. Its
// Firefox-like table has no originAttributes, so Firefox's own file would pass this test too, but
// such a file is never at a GNOME Web profile's path.
bool check_schema(SqliteDatabase& db, SkipReason& reason, std::string& message) {
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
constexpr CookieTableLayout kLayout{"moz_cookies", "host", "", "0", no_partition};

RowDeletionPlan plan_for(CookieSelector& selector, StoreJournal* journal = nullptr) {
  return {"moz_cookies", check_schema, [&selector, journal](SqliteDatabase& db, std::vector<MatchedRow>& rows) {
            return find_cookie_rows(db, kLayout, selector, rows, /*with_columns=*/journal != nullptr);
          },
          journal};
}

}  // namespace

StoreOutcome LibsoupCookieStore::inspect(const SiteMatcher& site) const {
  SiteCookieSelector selector(site);
  return inspect_sqlite_rows(id(), file_, plan_for(selector), /*check_schema=*/true);
}

StoreOutcome LibsoupCookieStore::remove(const SiteMatcher& site, bool dry_run) {
  SiteCookieSelector selector(site);
  return remove_cookies(selector, dry_run);
}

StoreOutcome LibsoupCookieStore::remove_cookies(CookieSelector& selector, bool dry_run) {
  return remove_sqlite_rows(id(), file_, plan_for(selector, journal()), dry_run);
}

std::vector<std::string> LibsoupCookieStore::cookie_domains() const { return cookie_table_domains(file_, kLayout); }

}  // namespace cookiewarden
