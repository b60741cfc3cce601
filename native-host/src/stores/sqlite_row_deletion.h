// The one way rows are deleted from a browser's SQLite file: open read-write, check the schema
// and the file's health, take the write lock, find the rows, delete exactly those, commit.
// Shared by the cookie stores and the quota bookkeeping tables so that dry runs, locks and
// schema refusals behave the same everywhere.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "deletion/site_store.h"
#include "stores/sqlite_database.h"

namespace cookiewarden {

struct MatchedRow {
  std::int64_t rowid = 0;
  SiteItem item;
  // Every column as `SELECT *` orders them, when the finder read them in the same pass (a sweep
  // selects thousands of rows: one lookup each by rowid would cost more than finding them).
  // Empty: the journal reads the row by its rowid.
  std::vector<SqliteValue> columns;
};

struct RowDeletionPlan {
  std::string table;
  // Refuses a schema it cannot vouch for: fills `reason`/`message` and returns false.
  std::function<bool(SqliteDatabase&, SkipReason& reason, std::string& message)> check_schema;
  // Appends the rows that belong to the site.
  std::function<SqliteError(SqliteDatabase&, std::vector<MatchedRow>&)> find_rows;
  // Where every column of the rows is recorded before they are deleted (null: not recorded).
  StoreJournal* journal = nullptr;
  // The rows' integer ids are referenced elsewhere (QuotaManager bucket id = folder name): undo
  // must restore them unchanged.
  bool keep_ids = false;
};

// Read-only: the rows `plan` finds, as an outcome for `file` (not_present when it is missing).
StoreOutcome inspect_sqlite_rows(std::string_view store_id, const std::filesystem::path& file,
                                 const RowDeletionPlan& plan, bool check_schema);

// Deletes the rows `plan` finds in one transaction. The rows are found after BEGIN IMMEDIATE, so
// the list is exactly what is deleted; dry_run rolls back at that point. A busy database is
// skipped as `locked`, a failed quick_check as `corrupt`, and any failure rolls back.
StoreOutcome remove_sqlite_rows(std::string_view store_id, const std::filesystem::path& file,
                                const RowDeletionPlan& plan, bool dry_run);

// Opens `file` read-write, checks the schema (plan.check_schema) and the file (quick_check), and
// takes the write lock (begin_write). On failure fills outcome.skipped/message and returns false.
bool open_for_deletion(SqliteDatabase& db, const std::filesystem::path& file, const RowDeletionPlan& plan,
                       StoreOutcome& outcome);

// The finding and deleting step alone, inside a transaction the caller holds (begin_write done),
// for stores that delete rows and folders together. The rows found are appended to `rows` (and,
// unless dry_run, recorded in plan.journal, then deleted; rows already in the vector are left
// alone). On failure fills outcome.skipped/message and returns false; never commits.
bool delete_rows_in_transaction(SqliteDatabase& db, const RowDeletionPlan& plan, bool dry_run,
                                std::vector<MatchedRow>& rows, StoreOutcome& outcome);

// Records a failed SQLite step in `outcome` (skipped + message).
void skip_for(const SqliteError& error, StoreOutcome& outcome);

}  // namespace cookiewarden
