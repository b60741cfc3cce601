#include "stores/cookie_table.h"

namespace cookiewarden {
namespace {

// rowid, host, name, partition, path; then the table's own columns.
constexpr int kFirstStoredColumn = 5;

}  // namespace

SqliteError find_cookie_rows(SqliteDatabase& db, const CookieTableLayout& layout, CookieSelector& selector,
                             std::vector<MatchedRow>& rows, bool with_columns) {
  std::string table(layout.table), host(layout.host_column);
  bool partitioned = db.has_column(table, std::string(layout.partition_column));
  bool has_path = db.has_column(table, "path");
  std::string_view suffix = selector.domain_suffix();
  // With columns, the row's every column follows (`*`, from kFirstStoredColumn): a removed row is
  // journaled from this same pass. Without, they are left out of the query: SQLite would read them.
  std::string sql = "SELECT rowid, " + host + ", name, " +
                    (partitioned ? std::string(layout.partition_column) : std::string("''")) + ", " +
                    (has_path ? "path" : "'/'") + (with_columns ? ", *" : "") + " FROM " + table;
  if (!suffix.empty()) {
    sql += " WHERE substr(" + host + ", -?2) = ?1";
    if (partitioned) sql += " OR " + std::string(layout.partitioned_rows);
  }
  SqliteStatement select = db.prepare(sql);
  if (!select.error().ok()) return select.error();
  if (!suffix.empty()) {
    select.bind(1, suffix);
    select.bind(2, static_cast<std::int64_t>(suffix.size()));
  }
  while (select.step()) {
    std::string_view row_host = select.text(1);
    std::string partition = layout.partition_of(select.text(3));
    if (!selector.selects({row_host, select.text(2), select.text(4), partition})) continue;
    MatchedRow row;
    row.rowid = select.integer(0);
    row.item.kind = ItemKind::cookie;
    row.item.host = row_host;
    row.item.name = select.text(2);
    row.item.partition = std::move(partition);
    if (with_columns) {
      row.columns.reserve(static_cast<std::size_t>(select.column_count() - kFirstStoredColumn));
      for (int column = kFirstStoredColumn; column < select.column_count(); ++column)
        row.columns.push_back(select.value(column));
    }
    rows.push_back(std::move(row));
  }
  return select.error();
}

std::vector<std::string> cookie_table_domains(const std::filesystem::path& file, const CookieTableLayout& layout) {
  std::vector<std::string> domains;
  SqliteDatabase db;
  if (!db.open(file, SqliteAccess::read_only).ok()) return domains;
  SqliteStatement select =
      db.prepare("SELECT " + std::string(layout.host_column) + " FROM " + std::string(layout.table));
  while (select.step()) domains.emplace_back(select.text(0));
  return domains;
}

}  // namespace cookiewarden
