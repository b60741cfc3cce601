// restore_sqlite_rows (section_restore.h): journaled rows back into their table.
#include <nlohmann/json.hpp>

#include "platform/path_text.h"
#include "stores/sqlite_row_deletion.h"
#include "undo/journal_format.h"
#include "undo/section_restore.h"

namespace cookiewarden {
namespace {

constexpr int kSqliteConstraint = 19;  // SQLITE_CONSTRAINT: a UNIQUE or PRIMARY KEY clash

struct JournaledRows {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::vector<SqliteValue>> rows;
  bool keep_ids = false;
};

JournaledRows parse_rows(const nlohmann::json& section) {
  JournaledRows out;
  out.table = section.at("table").get<std::string>();
  out.columns = section.at("columns").get<std::vector<std::string>>();
  out.keep_ids = section.at("keep_ids").get<bool>();
  for (const auto& row : section.at("rows")) {
    std::vector<SqliteValue>& values = out.rows.emplace_back();
    for (const auto& value : row) values.push_back(sqlite_value_from_json(value));
    if (values.size() != out.columns.size())
      throw nlohmann::json::other_error::create(501, "a journaled row does not match its columns", &row);
  }
  return out;
}

std::string quoted_name(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The table's INTEGER PRIMARY KEY column (SQLite's rowid alias), or empty.
std::string integer_key_column(SqliteDatabase& db, const std::string& table) {
  SqliteStatement info = db.prepare("SELECT name, upper(type) FROM pragma_table_info(?1) WHERE pk > 0");
  info.bind(1, table);
  std::string name;
  int keys = 0;
  while (info.step()) {
    ++keys;
    if (info.text(1) == "INTEGER") name = info.text(0);
  }
  return keys == 1 ? name : std::string();
}

// "INSERT INTO t (a, b) VALUES (?1, ?2)" over the columns not skipped.
std::string insert_sql(const JournaledRows& rows, std::string_view skipped) {
  std::string names, slots;
  int slot = 0;
  for (const std::string& column : rows.columns) {
    if (column == skipped) continue;
    names += (names.empty() ? "" : ", ") + quoted_name(column);
    slots += (slots.empty() ? "?" : ", ?") + std::to_string(++slot);
  }
  return "INSERT INTO " + quoted_name(rows.table) + " (" + names + ") VALUES (" + slots + ")";
}

// "SELECT count(*) FROM t WHERE a IS ?1 AND b IS ?2" over the columns not skipped.
std::string present_sql(const JournaledRows& rows, std::string_view skipped) {
  std::string where;
  int slot = 0;
  for (const std::string& column : rows.columns) {
    if (column == skipped) continue;
    where += (where.empty() ? "" : " AND ") + quoted_name(column) + " IS ?" + std::to_string(++slot);
  }
  return "SELECT count(*) FROM " + quoted_name(rows.table) + " WHERE " + where;
}

void bind_row(SqliteStatement& statement, const JournaledRows& rows, const std::vector<SqliteValue>& row,
              std::string_view skipped) {
  statement.reset();
  int slot = 0;
  for (std::size_t i = 0; i < rows.columns.size(); ++i)
    if (rows.columns[i] != skipped) statement.bind(++slot, row[i]);
}

enum class RowOutcome { restored, present, conflict, failed };

RowOutcome insert_row(SqliteDatabase& db, const JournaledRows& rows, const std::vector<SqliteValue>& row,
                      std::string_view skipped, SqliteError& error) {
  SqliteStatement insert = db.prepare(insert_sql(rows, skipped));
  bind_row(insert, rows, row, skipped);
  insert.step();
  if (insert.error().ok()) return RowOutcome::restored;
  if (insert.error().code == kSqliteConstraint) return RowOutcome::conflict;
  error = insert.error();
  return RowOutcome::failed;
}

// A present row is compared without the id when ids may change (a row restored under a new id
// by an earlier undo is the same row).
RowOutcome restore_row(SqliteDatabase& db, const JournaledRows& rows, const std::vector<SqliteValue>& row,
                       const std::string& id_column, bool dry_run, SqliteError& error) {
  std::string compare_skip = rows.keep_ids ? std::string() : id_column;
  SqliteStatement present = db.prepare(present_sql(rows, compare_skip));
  bind_row(present, rows, row, compare_skip);
  if (!present.step()) {
    error = present.error();
    return RowOutcome::failed;
  }
  if (present.integer(0) > 0) return RowOutcome::present;
  if (dry_run) return RowOutcome::restored;
  // With its id first; when a newer row took that id and ids are free to change, under a new one.
  RowOutcome outcome = insert_row(db, rows, row, {}, error);
  if (outcome != RowOutcome::conflict || rows.keep_ids || id_column.empty()) return outcome;
  return insert_row(db, rows, row, id_column, error);
}

RowDeletionPlan plan_accepting(const JournaledRows& rows) {
  RowDeletionPlan plan;
  plan.table = rows.table;
  plan.check_schema = [&rows](SqliteDatabase& db, SkipReason& reason, std::string& message) {
    for (const std::string& column : rows.columns) {
      if (db.has_column(rows.table, column)) continue;
      reason = SkipReason::schema_too_new;
      message = db.file().string() + " has no " + rows.table + "." + column + " column any more; its rows are not restored";
      return false;
    }
    return true;
  };
  return plan;
}

}  // namespace

bool restore_sqlite_rows(const nlohmann::json& section, bool dry_run, RestoreTally& tally, SectionFailure& failure) {
  JournaledRows rows = parse_rows(section);
  std::filesystem::path file = path_from_text(section.at("file").get<std::string>());
  StoreOutcome outcome;
  SqliteDatabase db;
  RowDeletionPlan plan = plan_accepting(rows);
  if (!open_for_deletion(db, file, plan, outcome)) {
    failure = {outcome.skipped, outcome.message};
    return false;
  }
  std::string id_column = integer_key_column(db, rows.table);
  RestoreTally counted;
  for (const auto& row : rows.rows) {
    SqliteError error;
    switch (restore_row(db, rows, row, id_column, dry_run, error)) {
      case RowOutcome::restored: ++counted.restored; break;
      case RowOutcome::present: ++counted.present; break;
      case RowOutcome::conflict: ++counted.conflicts; break;
      case RowOutcome::failed:
        db.rollback();
        failure = {error.skip_reason() == SkipReason::none ? SkipReason::io_error : error.skip_reason(), error.message};
        return false;
    }
  }
  if (dry_run || counted.restored == 0) {
    db.rollback();
  } else if (SqliteError error = db.commit(); !error.ok()) {
    failure = {error.skip_reason() == SkipReason::none ? SkipReason::io_error : error.skip_reason(), error.message};
    return false;
  }
  tally.restored += counted.restored;
  tally.present += counted.present;
  tally.conflicts += counted.conflicts;
  return true;
}

}  // namespace cookiewarden
