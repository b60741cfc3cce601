// The store of a browser's SQLite cookie table: Chromium's (chromium_cookies.h), Firefox's
// (firefox_cookies.h) and GNOME Web's libsoup jar (libsoup_cookies.h). Each of those says how its
// table is laid out (cookie_table.h) and which files it vouches for; inspecting, removing a site's
// or a sweep's rows (all or none, journaled for undo) and listing the domains are this one class.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "deletion/site_store.h"
#include "stores/cookie_table.h"

namespace cookiewarden {

class CookieTableStore : public SiteStore {
 public:
  // Refuses a file whose schema the store cannot vouch for: fills `reason`/`message`, returns false.
  using SchemaCheck = bool (*)(SqliteDatabase& db, SkipReason& reason, std::string& message);

  std::string_view id() const override { return id_; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool holds_cookies() const override { return true; }
  StoreOutcome remove_cookies(CookieSelector& selector, bool dry_run) override;
  bool undoable() const override { return true; }
  std::vector<std::string> cookie_domains() const override;

 protected:
  // `inspect_checks_schema`: inspect() refuses a file check_schema refuses, as remove() always does.
  CookieTableStore(std::filesystem::path file, std::string id, const CookieTableLayout& layout, SchemaCheck check_schema,
                   bool inspect_checks_schema)
      : file_(std::move(file)), id_(std::move(id)), layout_(layout), check_schema_(check_schema),
        inspect_checks_schema_(inspect_checks_schema) {}

 private:
  RowDeletionPlan plan_for(CookieSelector& selector, StoreJournal* journal) const;

  std::filesystem::path file_;
  std::string id_;
  const CookieTableLayout& layout_;
  SchemaCheck check_schema_;
  bool inspect_checks_schema_;
};

}  // namespace cookiewarden
