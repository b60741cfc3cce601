#include "stores/cookie_table_store.h"

#include "stores/sqlite_row_deletion.h"

namespace cookiewarden {

RowDeletionPlan CookieTableStore::plan_for(CookieSelector& selector, StoreJournal* journal) const {
  return {std::string(layout_.table), check_schema_,
          [this, &selector, journal](SqliteDatabase& db, std::vector<MatchedRow>& rows) {
            return find_cookie_rows(db, layout_, selector, rows, /*with_columns=*/journal != nullptr);
          },
          journal};
}

StoreOutcome CookieTableStore::inspect(const SiteMatcher& site) const {
  SiteCookieSelector selector(site);
  return inspect_sqlite_rows(id_, file_, plan_for(selector, nullptr), inspect_checks_schema_);
}

StoreOutcome CookieTableStore::remove(const SiteMatcher& site, bool dry_run) {
  SiteCookieSelector selector(site);
  return remove_cookies(selector, dry_run);
}

StoreOutcome CookieTableStore::remove_cookies(CookieSelector& selector, bool dry_run) {
  return remove_sqlite_rows(id_, file_, plan_for(selector, journal()), dry_run);
}

std::vector<std::string> CookieTableStore::cookie_domains() const { return cookie_table_domains(file_, layout_); }

}  // namespace cookiewarden
