#include "stores/firefox_cookies.h"

#include <charconv>

#include "stores/firefox_origin_attributes.h"
#include "stores/cookie_table.h"
#include "stores/sqlite_row_deletion.h"

namespace cookiewarden {
namespace {

bool check_schema(SqliteDatabase& db, SkipReason& reason, std::string& message) {
  if (!db.has_table("moz_cookies") || !db.has_column("moz_cookies", "host") || !db.has_column("moz_cookies", "name")) {
    reason = SkipReason::corrupt;
    message = db.file().string() + " is not a Firefox cookie database (no moz_cookies(host, name) table)";
    return false;
  }
  std::string text;
  int version = 0;
  if (!db.query_text("PRAGMA user_version", text).ok() ||
      std::from_chars(text.data(), text.data() + text.size(), version).ec != std::errc{}) {
    reason = SkipReason::corrupt;
    message = db.file().string() + " has no readable user_version";
    return false;
  }
  if (version > FirefoxCookieStore::kNewestKnownVersion) {
    reason = SkipReason::schema_too_new;
    message = db.file().string() + " has cookie schema version " + std::to_string(version) + "; this build knows versions " +
              std::to_string(FirefoxCookieStore::kOldestKnownVersion) + " to " +
              std::to_string(FirefoxCookieStore::kNewestKnownVersion) + " and will not write newer ones";
    return false;
  }
  return true;
}

constexpr CookieTableLayout kLayout{"moz_cookies", "host", "originAttributes", "originAttributes LIKE '%partitionKey=%'",
                                    firefox_partition_site};

RowDeletionPlan plan_for(CookieSelector& selector, StoreJournal* journal = nullptr) {
  return {"moz_cookies", check_schema, [&selector, journal](SqliteDatabase& db, std::vector<MatchedRow>& rows) {
            return find_cookie_rows(db, kLayout, selector, rows, /*with_columns=*/journal != nullptr);
          },
          journal};
}

}  // namespace

StoreOutcome FirefoxCookieStore::inspect(const SiteMatcher& site) const {
  SiteCookieSelector selector(site);
  return inspect_sqlite_rows(id(), file_, plan_for(selector), /*check_schema=*/false);
}

StoreOutcome FirefoxCookieStore::remove(const SiteMatcher& site, bool dry_run) {
  SiteCookieSelector selector(site);
  return remove_cookies(selector, dry_run);
}

StoreOutcome FirefoxCookieStore::remove_cookies(CookieSelector& selector, bool dry_run) {
  return remove_sqlite_rows(id(), file_, plan_for(selector, journal()), dry_run);
}

std::vector<std::string> FirefoxCookieStore::cookie_domains() const { return cookie_table_domains(file_, kLayout); }

}  // namespace cookiewarden
