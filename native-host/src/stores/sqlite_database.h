// A small RAII layer over the SQLite C API for the browsers' own database files.
//
// These files belong to the browsers, so the rules are theirs (shared/notes/browser-storage.md
// §1.3, §2.3, §6): never create a missing database, never unlink a -wal/-journal (SQLite recovers
// them itself), take the write lock up front (BEGIN IMMEDIATE) with a short busy timeout so a
// browser holding the file is reported instead of waited on, overwrite deleted content
// (secure_delete) and fold the WAL back into the main file after a write.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "deletion/site_store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cookiewarden {

// One column value with its SQLite storage class, kept byte for byte (text need not be UTF-8):
// what the undo journal records of a deleted row and binds again to restore it.
struct SqliteValue {
  enum class Type : std::uint8_t { null, integer, real, text, blob };
  Type type = Type::null;
  std::int64_t integer = 0;
  double real = 0;
  std::string bytes;  // text and blob

  bool operator==(const SqliteValue&) const = default;
};

struct SqliteError {
  int code = 0;        // SQLite primary result code; 0 (SQLITE_OK) when there is no error
  int system_errno = 0;
  std::string message;  // names the file and the operation

  bool ok() const { return code == 0; }
  // locked for SQLITE_BUSY/LOCKED, corrupt for SQLITE_CORRUPT/NOTADB, else the reason for the
  // system's errno (stores/errno_skip_reason.h), permission_denied for SQLITE_PERM/READONLY, or io_error.
  SkipReason skip_reason() const;
};

enum class SqliteAccess {
  read_only,   // for reports: takes no write lock and leaves no file behind
  read_write,  // for deletions
};

class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are 1-based, as in SQL (?1, ?2).
  void bind(int index, std::string_view text);
  void bind(int index, std::int64_t value);
  void bind(int index, const SqliteValue& value);
  // Steps once: true while there is a row; false when done or on error (see error()).
  bool step();
  // Rewinds for another run and forgets the last step's error; bindings stay.
  void reset();

  std::string_view text(int column) const;  // empty for NULL
  std::int64_t integer(int column) const;
  SqliteValue value(int column) const;
  int column_count() const;
  std::string_view column_name(int column) const;
  const SqliteError& error() const { return error_; }

 private:
  friend class SqliteDatabase;
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  SqliteError error_;
};

class SqliteDatabase {
 public:
  // How long a write waits for another connection's lock before giving up with "locked".
  static constexpr int kBusyTimeoutMs = 250;

  SqliteDatabase() = default;
  SqliteDatabase(SqliteDatabase&& other) noexcept;
  SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;
  // Rolls back an open transaction, then closes.
  ~SqliteDatabase();

  // Opens an existing database (a missing file is an error with skip_reason not_present; a
  // symlinked file is refused). Read-only opens of a WAL database whose -wal/-shm do not exist
  // use SQLite's immutable mode so that no -wal/-shm files are created; otherwise SQLite reads
  // the WAL as usual.
  SqliteError open(const std::filesystem::path& file, SqliteAccess access);
  bool is_open() const { return db_ != nullptr; }
  const std::filesystem::path& file() const { return file_; }

  SqliteError exec(std::string_view sql);
  // The statement, or an empty one whose error() says why.
  SqliteStatement prepare(std::string_view sql);
  // The single value of a one-row, one-column query (a PRAGMA, a meta value); error when none.
  SqliteError query_text(std::string_view sql, std::string& value);
  bool has_table(std::string_view table);
  bool has_column(std::string_view table, std::string_view column);

  // BEGIN IMMEDIATE with the busy timeout, and secure_delete on for everything deleted after it.
  SqliteError begin_write();
  // COMMIT, then a TRUNCATE checkpoint when the database is in WAL mode. Rolls back instead when
  // the commit gate refuses (platform/commit_gate.h): the error is then "locked".
  SqliteError commit();
  void rollback();
  bool in_transaction() const;
  // Rows changed by the last statement.
  std::int64_t changes() const;

  // "ok", or the first problem PRAGMA integrity_check (quick_check when quick) reports.
  SqliteError integrity_check(std::string& verdict, bool quick = false);

 private:
  SqliteError error_from(int rc, std::string_view what) const;
  void close();
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

}  // namespace cookiewarden
