#include "stores/sqlite_row_deletion.h"

#include "undo/deletion_journal.h"

namespace cookiewarden {

void skip_for(const SqliteError& error, StoreOutcome& outcome) {
  outcome.skipped = error.skip_reason();
  if (outcome.skipped == SkipReason::none) outcome.skipped = SkipReason::io_error;
  outcome.message = error.message;
  outcome.items.clear();
}

namespace {

StoreOutcome outcome_for(std::string_view store_id, const std::filesystem::path& file) {
  StoreOutcome outcome;
  outcome.store = store_id;
  outcome.location = file;
  return outcome;
}

bool schema_accepted(SqliteDatabase& db, const RowDeletionPlan& plan, StoreOutcome& outcome) {
  if (!plan.check_schema) return true;
  return plan.check_schema(db, outcome.skipped, outcome.message);
}

// Every column of rows[first..] as stored, into plan.journal, before anything is deleted. The
// columns a finder already read are taken from the rows (left empty there: they are not needed
// again); the others are read by rowid.
bool record_rows(SqliteDatabase& db, const RowDeletionPlan& plan, std::vector<MatchedRow>& rows, std::size_t first,
                 StoreOutcome& outcome) {
  SqliteStatement select = db.prepare("SELECT * FROM \"" + plan.table + "\" WHERE rowid = ?1");
  std::vector<std::string> columns;
  for (int i = 0; i < select.column_count(); ++i) columns.emplace_back(select.column_name(i));
  std::vector<std::vector<SqliteValue>> values;
  values.reserve(rows.size() - first);
  for (std::size_t i = first; i < rows.size() && select.error().ok(); ++i) {
    if (rows[i].columns.size() == columns.size()) {
      values.push_back(std::move(rows[i].columns));
      continue;
    }
    select.reset();
    select.bind(1, rows[i].rowid);
    if (!select.step()) break;
    std::vector<SqliteValue>& row = values.emplace_back();
    for (int column = 0; column < select.column_count(); ++column) row.push_back(select.value(column));
  }
  if (!select.error().ok()) {
    skip_for(select.error(), outcome);
    return false;
  }
  std::string error;
  if (values.size() != rows.size() - first) error = "a row of " + plan.table + " vanished while recording it";
  else if (plan.journal->record_rows(db.file(), plan.table, columns, values, plan.keep_ids, error)) return true;
  outcome.skipped = SkipReason::io_error;
  outcome.message = error + "; nothing was deleted from " + db.file().string();
  outcome.items.clear();
  return false;
}

void take_items(std::vector<MatchedRow>& rows, StoreOutcome& outcome) {
  outcome.items.reserve(outcome.items.size() + rows.size());
  for (auto& row : rows) outcome.items.push_back(std::move(row.item));
}

}  // namespace

StoreOutcome inspect_sqlite_rows(std::string_view store_id, const std::filesystem::path& file,
                                 const RowDeletionPlan& plan, bool check_schema) {
  StoreOutcome outcome = outcome_for(store_id, file);
  SqliteDatabase db;
  if (SqliteError error = db.open(file, SqliteAccess::read_only); !error.ok()) {
    skip_for(error, outcome);
    return outcome;
  }
  if (check_schema && !schema_accepted(db, plan, outcome)) return outcome;
  std::vector<MatchedRow> rows;
  if (SqliteError error = plan.find_rows(db, rows); !error.ok()) {
    skip_for(error, outcome);
    return outcome;
  }
  take_items(rows, outcome);
  return outcome;
}

bool delete_rows_in_transaction(SqliteDatabase& db, const RowDeletionPlan& plan, bool dry_run,
                                std::vector<MatchedRow>& rows, StoreOutcome& outcome) {
  const std::size_t first_new = rows.size();
  if (SqliteError error = plan.find_rows(db, rows); !error.ok()) {
    skip_for(error, outcome);
    return false;
  }
  if (dry_run || rows.size() == first_new) return true;
  if (plan.journal && !record_rows(db, plan, rows, first_new, outcome)) return false;
  SqliteStatement remove = db.prepare("DELETE FROM \"" + plan.table + "\" WHERE rowid = ?1");
  if (!remove.error().ok()) {
    skip_for(remove.error(), outcome);
    return false;
  }
  for (std::size_t i = first_new; i < rows.size(); ++i) {
    const MatchedRow& row = rows[i];
    remove.reset();
    remove.bind(1, row.rowid);
    remove.step();
    if (!remove.error().ok()) {
      skip_for(remove.error(), outcome);
      return false;
    }
    if (db.changes() != 1) {
      outcome.skipped = SkipReason::io_error;
      outcome.message = "row " + std::to_string(row.rowid) + " of " + plan.table + " vanished while deleting in " +
                        db.file().string();
      return false;
    }
  }
  return true;
}

bool open_for_deletion(SqliteDatabase& db, const std::filesystem::path& file, const RowDeletionPlan& plan,
                       StoreOutcome& outcome) {
  if (SqliteError error = db.open(file, SqliteAccess::read_write); !error.ok()) {
    skip_for(error, outcome);
    return false;
  }
  if (!schema_accepted(db, plan, outcome)) return false;
  // Chromium razes a cookie file it finds corrupt, losing every cookie: never write into one.
  std::string verdict;
  if (SqliteError error = db.integrity_check(verdict, /*quick=*/true); !error.ok()) {
    skip_for(error, outcome);
    return false;
  }
  if (verdict != "ok") {
    outcome.skipped = SkipReason::corrupt;
    outcome.message = file.string() + " fails quick_check (" + verdict + "); left untouched";
    return false;
  }
  if (SqliteError error = db.begin_write(); !error.ok()) {
    skip_for(error, outcome);
    return false;
  }
  return true;
}

StoreOutcome remove_sqlite_rows(std::string_view store_id, const std::filesystem::path& file,
                                const RowDeletionPlan& plan, bool dry_run) {
  StoreOutcome outcome = outcome_for(store_id, file);
  SqliteDatabase db;
  if (!open_for_deletion(db, file, plan, outcome)) return outcome;
  std::vector<MatchedRow> rows;
  if (!delete_rows_in_transaction(db, plan, dry_run, rows, outcome)) {
    db.rollback();
    return outcome;
  }
  if (dry_run || rows.empty()) {
    db.rollback();
  } else if (SqliteError error = db.commit(); !error.ok()) {
    skip_for(error, outcome);
    return outcome;
  }
  take_items(rows, outcome);
  return outcome;
}

}  // namespace cookiewarden
