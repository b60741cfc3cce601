#include "stores/sqlite_database.h"

#include <sqlite3.h>

#include "platform/commit_gate.h"
#include "platform/path_presence.h"
#include "stores/errno_skip_reason.h"

#include <cerrno>
#include <fstream>
#include <system_error>
#include <utility>

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

// SQLite's words for a failure, with the system's when it has them: "disk I/O error" alone does
// not say that the disk is full.
std::string failure_text(sqlite3* db, int rc) {
  std::string text = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int system_errno = db ? sqlite3_system_errno(db) : 0;
  int primary = rc & 0xff;
  if (system_errno != 0 && (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN))
    text += " (" + std::system_category().message(system_errno) + ")";
  return text;
}

bool is_empty_or_missing(const fs::path& path) {
  std::error_code ec;
  auto status = fs::symlink_status(path, ec);
  if (!fs::exists(status)) return true;
  return fs::is_regular_file(status) && fs::file_size(path, ec) == 0 && !ec;
}

// Bytes 18 and 19 of the header (file format read/write versions) are 2 in WAL mode.
bool header_says_wal(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char header[20] = {};
  if (!in.read(header, sizeof header)) return false;
  return header[18] == 2 && header[19] == 2;
}

// A file: URI for sqlite3_open_v2, with the characters URIs reserve percent-encoded.
std::string file_uri(const fs::path& file, std::string_view query) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char c : file.string()) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7f) {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    } else {
      uri += static_cast<char>(c);
    }
  }
  uri += '?';
  uri += query;
  return uri;
}

// "'<sql>' <then>", built by appending: GCC 12 misreports operator+ chains here (-Wrestrict).
std::string quoted(std::string_view sql, std::string_view then) {
  std::string out;
  out.reserve(sql.size() + then.size() + 3);
  out.append(1, '\'').append(sql).append("' ").append(then);
  return out;
}

}  // namespace

SkipReason SqliteError::skip_reason() const {
  switch (code) {
    case SQLITE_OK: return SkipReason::none;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return SkipReason::locked;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return SkipReason::corrupt;
    default: break;
  }
  if (SkipReason reason = skip_reason_for_errno(system_errno); reason != SkipReason::io_error) return reason;
  if (code == SQLITE_PERM || code == SQLITE_READONLY) return SkipReason::permission_denied;
  return SkipReason::io_error;
}

// --- SqliteStatement ---------------------------------------------------------------------

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), error_(std::move(other.error_)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
    error_ = std::move(other.error_);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::bind(int index, std::string_view text) {
  if (stmt_) sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int index, std::int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, index, value);
}

void SqliteStatement::bind(int index, const SqliteValue& value) {
  if (!stmt_) return;
  switch (value.type) {
    case SqliteValue::Type::null: sqlite3_bind_null(stmt_, index); break;
    case SqliteValue::Type::integer: sqlite3_bind_int64(stmt_, index, value.integer); break;
    case SqliteValue::Type::real: sqlite3_bind_double(stmt_, index, value.real); break;
    case SqliteValue::Type::text:
      sqlite3_bind_text(stmt_, index, value.bytes.data(), static_cast<int>(value.bytes.size()), SQLITE_TRANSIENT);
      break;
    case SqliteValue::Type::blob:
      sqlite3_bind_blob(stmt_, index, value.bytes.data(), static_cast<int>(value.bytes.size()), SQLITE_TRANSIENT);
      break;
  }
}

bool SqliteStatement::step() {
  if (!stmt_) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    error_.code = rc & 0xff;
    error_.system_errno = sqlite3_system_errno(db_);
    const char* file = sqlite3_db_filename(db_, "main");
    error_.message = std::string(sqlite3_stmt_readonly(stmt_) ? "cannot read " : "cannot change ") +
                     (file && *file ? file : "the database") + ": " + failure_text(db_, rc);
  }
  return false;
}

void SqliteStatement::reset() {
  if (!stmt_) return;  // a statement that failed to prepare keeps saying why
  sqlite3_reset(stmt_);
  error_ = {};
}

std::string_view SqliteStatement::text(int column) const {
  auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!bytes) return {};
  return {bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::int64_t SqliteStatement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

SqliteValue SqliteStatement::value(int column) const {
  SqliteValue value;
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER:
      value.type = SqliteValue::Type::integer;
      value.integer = sqlite3_column_int64(stmt_, column);
      break;
    case SQLITE_FLOAT:
      value.type = SqliteValue::Type::real;
      value.real = sqlite3_column_double(stmt_, column);
      break;
    case SQLITE_TEXT:
      value.type = SqliteValue::Type::text;
      value.bytes = text(column);
      break;
    case SQLITE_BLOB: {
      value.type = SqliteValue::Type::blob;
      // The pointer first, then the size: sqlite3_column_bytes is only valid after it.
      auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
      if (bytes) value.bytes.assign(bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
      break;
    }
    default: break;
  }
  return value;
}

int SqliteStatement::column_count() const { return stmt_ ? sqlite3_column_count(stmt_) : 0; }

std::string_view SqliteStatement::column_name(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name ? std::string_view(name) : std::string_view();
}

// --- SqliteDatabase ----------------------------------------------------------------------

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    file_ = std::move(other.file_);
  }
  return *this;
}

SqliteDatabase::~SqliteDatabase() { close(); }

void SqliteDatabase::close() {
  if (!db_) return;
  if (in_transaction()) rollback();
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

SqliteError SqliteDatabase::error_from(int rc, std::string_view what) const {
  SqliteError error;
  error.code = rc & 0xff;
  error.system_errno = db_ ? sqlite3_system_errno(db_) : 0;
  error.message.append(what).append(" ").append(file_.string()).append(": ");
  error.message.append(failure_text(db_, rc));
  return error;
}

SqliteError SqliteDatabase::open(const fs::path& file, SqliteAccess access) {
  file_ = file;
  std::error_code ec;
  auto status = fs::symlink_status(file, ec);
  if (!fs::exists(status)) return {SQLITE_CANTOPEN, ENOENT, "no database at " + file.string()};
  if (fs::is_symlink(status)) return {SQLITE_CANTOPEN, ELOOP, "refusing a symlinked database: " + file.string()};
  if (!fs::is_regular_file(status)) return {SQLITE_CANTOPEN, EISDIR, "not a regular file: " + file.string()};

  std::string query = "mode=rw";
  if (access == SqliteAccess::read_only) {
    // A read-only connection to a WAL database creates -wal and -shm and cannot remove them
    // again. When there is no WAL content to read, immutable mode reads the main file alone.
    fs::path wal = file.string() + "-wal", shm = file.string() + "-shm";
    bool nothing_in_wal = is_empty_or_missing(wal) && !path_present(shm);
    query = header_says_wal(file) && nothing_in_wal ? "immutable=1" : "mode=ro";
  }
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW |
              (access == SqliteAccess::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  int rc = sqlite3_open_v2(file_uri(file, query).c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    SqliteError error = error_from(rc, "cannot open");
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return error;
  }
  sqlite3_extended_result_codes(db_, 0);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // Opening is lazy: read the schema now so that a locked, corrupt or non-database file is
  // reported here rather than at the first query.
  std::string ignored;
  if (SqliteError error = query_text("SELECT count(*) FROM sqlite_master", ignored); !error.ok()) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return error;
  }
  return {};
}

SqliteError SqliteDatabase::exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error_from(rc, quoted(text, "failed on"));
  return {};
}

SqliteStatement SqliteDatabase::prepare(std::string_view sql) {
  SqliteStatement statement;
  statement.db_ = db_;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement.stmt_, nullptr);
  if (rc != SQLITE_OK) statement.error_ = error_from(rc, "cannot prepare " + quoted(sql, "on"));
  return statement;
}

SqliteError SqliteDatabase::query_text(std::string_view sql, std::string& value) {
  SqliteStatement statement = prepare(sql);
  if (!statement.error().ok()) return statement.error();
  if (!statement.step()) {
    if (!statement.error().ok()) return error_from(statement.error().code, quoted(sql, "failed on"));
    return {SQLITE_NOTFOUND, 0, quoted(sql, "returned no row in ") + file_.string()};
  }
  value = statement.text(0);
  return {};
}

bool SqliteDatabase::has_table(std::string_view table) {
  SqliteStatement statement = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  statement.bind(1, table);
  return statement.step();
}

bool SqliteDatabase::has_column(std::string_view table, std::string_view column) {
  SqliteStatement statement = prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
  statement.bind(1, table);
  statement.bind(2, column);
  return statement.step();
}

SqliteError SqliteDatabase::begin_write() {
  if (SqliteError error = exec("PRAGMA secure_delete = ON"); !error.ok()) return error;
  return exec("BEGIN IMMEDIATE");
}

SqliteError SqliteDatabase::commit() {
  if (auto refusal = commit_refusal(file_.string())) {
    rollback();
    return {SQLITE_BUSY, 0, "nothing committed to " + file_.string() + ": " + *refusal};
  }
  if (SqliteError error = exec("COMMIT"); !error.ok()) {
    rollback();
    return error;
  }
  std::string mode;
  if (query_text("PRAGMA journal_mode", mode).ok() && mode == "wal") {
    // The commit is durable already; a checkpoint that another reader blocks only leaves the
    // deleted rows in the WAL until the browser's own next checkpoint.
    exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  return {};
}

void SqliteDatabase::rollback() {
  if (in_transaction()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool SqliteDatabase::in_transaction() const { return db_ && !sqlite3_get_autocommit(db_); }

std::int64_t SqliteDatabase::changes() const { return sqlite3_changes64(db_); }

SqliteError SqliteDatabase::integrity_check(std::string& verdict, bool quick) {
  return query_text(quick ? "PRAGMA quick_check" : "PRAGMA integrity_check", verdict);
}

}  // namespace cookiewarden
