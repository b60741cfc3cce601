// Test support for the undo tests: a closed profile in a temporary folder, a journal folder
// beside it, and a byte-exact view of SQLite rows (quote() tells text, blob, integer and NULL apart).
#pragma once

#include <sys/stat.h>

#include <memory>
#include <string>
#include <vector>

#include "../support/closed_profiles.h"
#include "../support/store_fixtures.h"
#include "browsers/browser_profile.h"
#include "deletion/site_store.h"
#include "undo/deletion_journal.h"
#include "undo/journal_undo.h"
#include "undo/undo_settings.h"
#include "warden/public_suffix.h"

namespace cookiewarden::test {

inline SiteMatcher site_named(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

inline UndoSettings undo_settings_in(const TempDir& dir) {
  UndoSettings settings;
  settings.folder = dir / "state" / "cookiewarden" / "undo";
  return settings;
}

inline BrowserProfile closed_profile(const TempDir& dir, BrowserFamily family) {
  return closed_profile_at(family, dir / "browser", "Default");
}

// Removes through `store` with a journal, the way delete_site does; returns the journal's folder
// (empty when nothing was recorded).
inline fs::path remove_with_journal(SiteStore& store, const char* site, const UndoSettings& settings,
                                    const BrowserProfile& profile, StoreOutcome& outcome) {
  std::string error;
  auto journal = DeletionJournal::open(settings, std::string(site) + " test", profile, error);
  REQUIRE_MESSAGE(journal, error);
  fs::path folder = journal->folder();
  store.record_removals_in(&journal->for_store(std::string(store.id())));
  outcome = store.remove(site_named(site), false);
  store.record_removals_in(nullptr);
  return journal->close({}) ? folder : fs::path();
}

// Undoes the journal for real; the test fails unless all of it was dealt with.
inline UndoResult undo_completely(const fs::path& journal) {
  UndoResult undone = undo_journal(journal, false);
  REQUIRE_MESSAGE(undone.complete(), undone.message);
  return undone;
}

// Every row of `table` matching `where`, every column quote()d, sorted.
inline std::vector<std::string> exact_rows(RawDb& db, const std::string& table, const std::string& where) {
  std::string columns;
  for (const std::string& name : db.rows("SELECT name FROM pragma_table_info('" + table + "')"))
    columns += (columns.empty() ? "quote(" : " || '|' || quote(") + name + ")";
  auto rows = db.rows("SELECT " + columns + " FROM " + table + " WHERE " + where);
  std::sort(rows.begin(), rows.end());
  return rows;
}

inline unsigned mode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace cookiewarden::test
