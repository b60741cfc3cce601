#include "stores/webkit_service_workers.h"

#include "stores/sqlite_row_deletion.h"
#include "stores/webkit_origin.h"

namespace cookiewarden {
namespace {

bool check_service_worker_schema(SqliteDatabase& db, SkipReason& reason, std::string& message) {
  for (const char* column : {"key", "origin", "topOrigin", "scopeURL"}) {
    if (db.has_column("Records", column)) continue;
    reason = SkipReason::schema_too_new;
    message = db.file().string() + ": no Records." + column + " column (unknown schema)";
    return false;
  }
  return true;
}

SqliteError find_registrations(SqliteDatabase& db, const SiteMatcher& site, std::vector<MatchedRow>& rows) {
  SqliteStatement select = db.prepare("SELECT rowid, origin, topOrigin, scopeURL FROM Records");
  if (!select.error().ok()) return select.error();
  while (select.step()) {
    std::string origin(select.text(1)), top = webkit_identifier_origin(select.text(2));
    bool by_top = !top.empty() && site.matches_origin(top);
    if (!by_top && !site.matches_origin(origin)) continue;
    MatchedRow row;
    row.rowid = select.integer(0);
    row.item.kind = ItemKind::quota_record;
    row.item.host = origin;
    row.item.name = "service worker " + std::string(select.text(3));
    if (top != origin) row.item.partition = top;
    rows.push_back(std::move(row));
  }
  return select.error();
}

RowDeletionPlan plan_for(const SiteMatcher& site, StoreJournal* journal = nullptr) {
  return {"Records", check_service_worker_schema, [&site](SqliteDatabase& db, std::vector<MatchedRow>& rows) {
            return find_registrations(db, site, rows);
          },
          journal};
}

}  // namespace

StoreOutcome WebKitServiceWorkerStore::inspect(const SiteMatcher& site) const {
  return inspect_sqlite_rows(id(), file_, plan_for(site), /*check_schema=*/true);
}

StoreOutcome WebKitServiceWorkerStore::remove(const SiteMatcher& site, bool dry_run) {
  return remove_sqlite_rows(id(), file_, plan_for(site, journal()), dry_run);
}

}  // namespace cookiewarden
