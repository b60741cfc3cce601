#include "stores/firefox_cookies.h"

#include <charconv>

#include "stores/firefox_origin_attributes.h"
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

// Candidates by a cheap suffix test in SQL; the PSL has the last word in SiteMatcher.
SqliteError find_rows(SqliteDatabase& db, const SiteMatcher& site, std::vector<MatchedRow>& rows) {
  bool attributes = db.has_column("moz_cookies", "originAttributes");
  std::string sql = attributes
      ? "SELECT rowid, host, name, originAttributes FROM moz_cookies "
        "WHERE substr(host, -?2) = ?1 OR originAttributes LIKE '%partitionKey=%'"
      : "SELECT rowid, host, name, '' FROM moz_cookies WHERE substr(host, -?2) = ?1";
  SqliteStatement select = db.prepare(sql);
  if (!select.error().ok()) return select.error();
  select.bind(1, site.site());
  select.bind(2, static_cast<std::int64_t>(site.site().size()));
  while (select.step()) {
    std::string_view host = select.text(1);
    std::string partition_site = firefox_partition_site(select.text(3));
    bool by_partition = !partition_site.empty() && site.matches_host(partition_site);
    if (!by_partition && !site.matches_host(host)) continue;
    MatchedRow row;
    row.rowid = select.integer(0);
    row.item.kind = ItemKind::cookie;
    row.item.host = host;
    row.item.name = select.text(2);
    row.item.partition = partition_site;
    rows.push_back(std::move(row));
  }
  return select.error();
}

RowDeletionPlan plan_for(const SiteMatcher& site) {
  return {"moz_cookies", check_schema,
          [&site](SqliteDatabase& db, std::vector<MatchedRow>& rows) { return find_rows(db, site, rows); }};
}

}  // namespace

StoreOutcome FirefoxCookieStore::inspect(const SiteMatcher& site) const {
  return inspect_sqlite_rows(id(), file_, plan_for(site), /*check_schema=*/false);
}

StoreOutcome FirefoxCookieStore::remove(const SiteMatcher& site, bool dry_run) {
  return remove_sqlite_rows(id(), file_, plan_for(site), dry_run);
}

std::vector<std::string> FirefoxCookieStore::cookie_domains() const {
  std::vector<std::string> domains;
  SqliteDatabase db;
  if (!db.open(file_, SqliteAccess::read_only).ok()) return domains;
  SqliteStatement select = db.prepare("SELECT host FROM moz_cookies");
  while (select.step()) domains.emplace_back(select.text(0));
  return domains;
}

}  // namespace cookiewarden
