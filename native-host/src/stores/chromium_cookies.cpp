#include "stores/chromium_cookies.h"

#include <charconv>

#include "stores/sqlite_row_deletion.h"

namespace cookiewarden {
namespace {

bool read_meta_int(SqliteDatabase& db, std::string_view key, int& value) {
  SqliteStatement statement = db.prepare("SELECT value FROM meta WHERE key = ?1");
  statement.bind(1, key);
  if (!statement.step()) return false;
  std::string_view text = statement.text(0);
  return std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc{};
}

bool check_schema(SqliteDatabase& db, SkipReason& reason, std::string& message) {
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

// Candidates by a cheap suffix test in SQL; the PSL has the last word in SiteMatcher.
SqliteError find_rows(SqliteDatabase& db, const SiteMatcher& site, std::vector<MatchedRow>& rows) {
  bool partitioned = db.has_column("cookies", "top_frame_site_key");
  std::string sql = partitioned
      ? "SELECT rowid, host_key, name, top_frame_site_key FROM cookies "
        "WHERE substr(host_key, -?2) = ?1 OR top_frame_site_key != ''"
      : "SELECT rowid, host_key, name, '' FROM cookies WHERE substr(host_key, -?2) = ?1";
  SqliteStatement select = db.prepare(sql);
  if (!select.error().ok()) return select.error();
  select.bind(1, site.site());
  select.bind(2, static_cast<std::int64_t>(site.site().size()));
  while (select.step()) {
    std::string_view host = select.text(1), partition = select.text(3);
    bool by_partition = !partition.empty() && site.matches_origin(partition);
    if (!by_partition && !site.matches_host(host)) continue;
    MatchedRow row;
    row.rowid = select.integer(0);
    row.item.kind = ItemKind::cookie;
    row.item.host = host;
    row.item.name = select.text(2);
    row.item.partition = partition;
    rows.push_back(std::move(row));
  }
  return select.error();
}

RowDeletionPlan plan_for(const SiteMatcher& site) {
  return {"cookies", check_schema,
          [&site](SqliteDatabase& db, std::vector<MatchedRow>& rows) { return find_rows(db, site, rows); }};
}

}  // namespace

StoreOutcome ChromiumCookieStore::inspect(const SiteMatcher& site) const {
  return inspect_sqlite_rows(id_, file_, plan_for(site), /*check_schema=*/false);
}

StoreOutcome ChromiumCookieStore::remove(const SiteMatcher& site, bool dry_run) {
  return remove_sqlite_rows(id_, file_, plan_for(site), dry_run);
}

std::vector<std::string> ChromiumCookieStore::cookie_domains() const {
  std::vector<std::string> domains;
  SqliteDatabase db;
  if (!db.open(file_, SqliteAccess::read_only).ok()) return domains;
  SqliteStatement select = db.prepare("SELECT host_key FROM cookies");
  while (select.step()) domains.emplace_back(select.text(0));
  return domains;
}

}  // namespace cookiewarden
