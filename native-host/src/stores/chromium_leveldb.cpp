#include "stores/chromium_leveldb.h"

#include <system_error>

#include <leveldb/write_batch.h>

#include "platform/commit_gate.h"
#include "platform/record_lock.h"
#include "undo/deletion_journal.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace cookiewarden {
namespace fs = std::filesystem;

void skip_store(StoreOutcome& outcome, SkipReason reason, std::string message) {
  outcome.skipped = reason;
  outcome.message = std::move(message);
  outcome.items.clear();
}

SkipReason leveldb_skip_reason(const leveldb::Status& status) {
  std::string text = status.ToString();
  if (status.IsNotFound()) return SkipReason::not_present;
  if (status.IsCorruption()) return SkipReason::corrupt;
  if (text.find("/LOCK") != std::string::npos || text.find("lock ") != std::string::npos) return SkipReason::locked;
  if (text.find("Permission denied") != std::string::npos) return SkipReason::permission_denied;
  return SkipReason::io_error;
}

bool leveldb_dir_usable(const fs::path& dir, std::string_view what, StoreOutcome& outcome) {
  std::error_code ec;
  auto status = fs::symlink_status(dir, ec);
  if (!fs::exists(status)) {
    skip_store(outcome, SkipReason::not_present, "no " + std::string(what) + " database at " + dir.string());
    return false;
  }
  if (fs::is_symlink(status) || !fs::is_directory(status)) {
    skip_store(outcome, SkipReason::unsafe_path, dir.string() + " is a symlink or not a directory; not followed");
    return false;
  }
  return true;
}

#if defined(_WIN32)
// Windows has no "who holds this lock" query: try the exclusive lock LevelDB (and Chromium's
// env) takes with LockFileEx, without waiting, and release it at once.
bool leveldb_lock_is_held(const fs::path& dir) {
  HANDLE h = CreateFileW((dir / "LOCK").c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         nullptr, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) return GetLastError() == ERROR_SHARING_VIOLATION;
  OVERLAPPED whole{};
  bool held = !LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, MAXDWORD, MAXDWORD, &whole);
  if (!held) UnlockFileEx(h, 0, MAXDWORD, MAXDWORD, &whole);
  CloseHandle(h);
  return held;
}
#else
bool leveldb_lock_is_held(const fs::path& dir) { return record_lock_held(dir / "LOCK"); }
#endif


std::unique_ptr<leveldb::DB> open_leveldb(const fs::path& dir, leveldb::Status& status) {
  leveldb::Options options;
  options.create_if_missing = false;
  options.paranoid_checks = true;
  leveldb::DB* db = nullptr;
  status = leveldb::DB::Open(options, dir.string(), &db);
  return std::unique_ptr<leveldb::DB>(status.ok() ? db : nullptr);
}

LevelDbReadCopy::LevelDbReadCopy(const fs::path& source) {
  if (!folder_.ok()) {
    error_ = folder_.error();
    return;
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(source, ec)) {
    if (entry.path().filename() == "LOCK" || !entry.is_regular_file() || entry.is_symlink()) continue;
    if (!fs::copy_file(entry.path(), folder_.path() / entry.path().filename(), ec)) {
      error_ = "cannot copy " + entry.path().string() + ": " + ec.message();
      return;
    }
  }
  if (ec) error_ = "cannot list " + source.string() + ": " + ec.message();
}

namespace {

void skip_for_status(StoreOutcome& outcome, const fs::path& dir, const leveldb::Status& status) {
  skip_store(outcome, leveldb_skip_reason(status), dir.string() + ": " + status.ToString());
}

// Opens the database in `open_dir` (the live one or a copy of `dir`) and finds the site's keys.
// Null, with `outcome` skipped and naming `dir`, when either fails.
std::unique_ptr<leveldb::DB> open_and_find(const fs::path& open_dir, const fs::path& dir, const SiteMatcher& site,
                                           LevelDbKeyFinder find, LevelDbSiteKeys& found, StoreOutcome& outcome) {
  leveldb::Status status;
  auto db = open_leveldb(open_dir, status);
  if (db) found = find(*db, site, status);
  if (!status.ok()) {
    skip_for_status(outcome, dir, status);
    return nullptr;
  }
  return db;
}

// Reads the site's keys from a private copy: the live files stay exactly as they are.
StoreOutcome read_from_copy(const fs::path& dir, const SiteMatcher& site, LevelDbKeyFinder find, StoreOutcome outcome) {
  LevelDbReadCopy copy(dir);
  if (!copy.ok()) {
    skip_store(outcome, SkipReason::io_error, copy.error().empty() ? "cannot create a temporary copy" : copy.error());
    return outcome;
  }
  LevelDbSiteKeys found;
  if (open_and_find(copy.path(), dir, site, find, found, outcome)) outcome.items = std::move(found.items);
  return outcome;
}

// Every key with its value as it is now, into `journal`, before the batch deletes them.
bool record_keys(leveldb::DB& db, const fs::path& dir, const std::vector<std::string>& keys, StoreJournal& journal,
                 StoreOutcome& outcome) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const std::string& key : keys) {
    std::string value;
    leveldb::Status status = db.Get(leveldb::ReadOptions(), key, &value);
    if (!status.ok()) {
      skip_for_status(outcome, dir, status);
      return false;
    }
    entries.emplace_back(key, std::move(value));
  }
  std::string error;
  if (journal.record_leveldb_keys(dir, entries, error)) return true;
  skip_store(outcome, SkipReason::io_error, error + "; nothing was deleted from " + dir.string());
  return false;
}

}  // namespace

StoreOutcome inspect_leveldb_store(StoreOutcome outcome, std::string_view what, const fs::path& dir,
                                   const SiteMatcher& site, LevelDbKeyFinder find) {
  if (!leveldb_dir_usable(dir, what, outcome)) return outcome;
  return read_from_copy(dir, site, find, std::move(outcome));
}

StoreOutcome remove_from_leveldb_store(StoreOutcome outcome, std::string_view what, const fs::path& dir,
                                       const SiteMatcher& site, LevelDbKeyFinder find, bool dry_run,
                                       StoreJournal* journal) {
  if (!leveldb_dir_usable(dir, what, outcome)) return outcome;
  // Opening in place rewrites LevelDB's files (log replay, new MANIFEST): a dry run, and a run with
  // nothing to delete, never do it.
  if (leveldb_lock_is_held(dir)) {
    skip_store(outcome, SkipReason::locked, dir.string() + "/LOCK is held by another process (is the browser running?)");
    return outcome;
  }
  StoreOutcome preview = read_from_copy(dir, site, find, outcome);
  if (dry_run || !preview.handled() || preview.items.empty()) return preview;
  PrivateUmask umask_for_new_files;
  LevelDbSiteKeys found;
  auto db = open_and_find(dir, dir, site, find, found, outcome);
  if (!db) return outcome;
  if (!found.keys.empty()) {
    if (journal && !record_keys(*db, dir, found.keys, *journal, outcome)) return outcome;
    leveldb::WriteBatch batch;
    for (const std::string& key : found.keys) batch.Delete(key);
    if (auto refusal = commit_refusal(dir.string())) {
      skip_store(outcome, SkipReason::locked, "nothing deleted in " + dir.string() + ": " + *refusal);
      return outcome;
    }
    leveldb::WriteOptions write;
    write.sync = true;
    leveldb::Status status = db->Write(write, &batch);
    if (!status.ok()) {
      skip_for_status(outcome, dir, status);
      return outcome;
    }
    db->CompactRange(nullptr, nullptr);
  }
  outcome.items = std::move(found.items);
  return outcome;
}

#if defined(_WIN32)
// %TEMP% is already private to the user, and new files inherit its ACL.
PrivateUmask::PrivateUmask() : previous_() {}
PrivateUmask::~PrivateUmask() = default;
#else
PrivateUmask::PrivateUmask() : previous_(::umask(077)) {}
PrivateUmask::~PrivateUmask() { ::umask(previous_); }
#endif

}  // namespace cookiewarden
