#include "stores/firefox_cookies.h"

#include <charconv>

#include "stores/firefox_origin_attributes.h"

namespace cookiewarden {
namespace {

bool check_firefox_schema(SqliteDatabase& db, SkipReason& reason, std::string& message) {
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

constexpr CookieTableLayout kFirefoxLayout{"moz_cookies", "host", "originAttributes", "originAttributes LIKE '%partitionKey=%'",
                                    firefox_partition_site};

}  // namespace

FirefoxCookieStore::FirefoxCookieStore(std::filesystem::path file)
    : CookieTableStore(std::move(file), "firefox_cookies", kFirefoxLayout, check_firefox_schema, /*inspect_checks_schema=*/false) {}

}  // namespace cookiewarden
