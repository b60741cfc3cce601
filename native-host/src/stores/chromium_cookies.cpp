#include "stores/chromium_cookies.h"

#include <charconv>

namespace cookiewarden {
namespace {

bool read_meta_int(SqliteDatabase& db, std::string_view key, int& value) {
  SqliteStatement statement = db.prepare("SELECT value FROM meta WHERE key = ?1");
  statement.bind(1, key);
  if (!statement.step()) return false;
  std::string_view text = statement.text(0);
  return std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc{};
}

bool check_chromium_schema(SqliteDatabase& db, SkipReason& reason, std::string& message) {
  if (!db.has_table("cookies") || !db.has_column("cookies", "host_key") || !db.has_column("cookies", "name") ||
      !db.has_table("meta")) {
    reason = SkipReason::corrupt;
    message = db.file().string() + " is not a Chromium cookie database (no cookies(host_key, name) or meta table)";
    return false;
  }
  int version = 0, compatible = 0;
  if (!read_meta_int(db, "version", version)) {
    reason = SkipReason::corrupt;
    message = db.file().string() + " has no readable meta version";
    return false;
  }
  read_meta_int(db, "last_compatible_version", compatible);
  if (version > ChromiumCookieStore::kNewestKnownVersion || compatible > ChromiumCookieStore::kNewestKnownVersion) {
    reason = SkipReason::schema_too_new;
    message = db.file().string() + " has cookie schema version " + std::to_string(version) +
              " (last compatible " + std::to_string(compatible) + "); this build knows versions " +
              std::to_string(ChromiumCookieStore::kOldestKnownVersion) + " to " +
              std::to_string(ChromiumCookieStore::kNewestKnownVersion) + " and will not write newer ones";
    return false;
  }
  return true;
}

std::string partition_as_stored(std::string_view top_frame_site_key) { return std::string(top_frame_site_key); }

constexpr CookieTableLayout kChromiumLayout{"cookies", "host_key", "top_frame_site_key", "top_frame_site_key != ''",
                                    partition_as_stored};

}  // namespace

ChromiumCookieStore::ChromiumCookieStore(std::filesystem::path file, std::string id)
    : CookieTableStore(std::move(file), std::move(id), kChromiumLayout, check_chromium_schema, /*inspect_checks_schema=*/false) {}

}  // namespace cookiewarden
