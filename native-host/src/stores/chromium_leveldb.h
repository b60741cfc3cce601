// What the stores over Chromium's bytewise-comparator LevelDBs (Local Storage, Session Storage)
// share: refusing unsafe folders, telling a running browser by its LOCK, reading from a private
// copy, and opening in place with Chromium's file mode. Facts: shared/notes/browser-storage.md §1.5.
//
// Reports never open the live database (LevelDB has no read-only mode: opening replays its log
// into new files); they read a private copy. Deletions open it in place, which also takes
// LevelDB's LOCK: a running Chromium holds it, so the store is then skipped as locked.
#pragma once

#include <leveldb/db.h>
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "deletion/site_store.h"
#include "platform/private_scratch.h"

namespace cookiewarden {

// Marks `outcome` skipped for `reason` and drops any items.
void skip_store(StoreOutcome& outcome, SkipReason reason, std::string message);

// Why a LevelDB call failed, as a store reports it.
SkipReason leveldb_skip_reason(const leveldb::Status& status);

// False (with `outcome` skipped) for a missing, symlinked or non-directory database folder.
bool leveldb_dir_usable(const std::filesystem::path& dir, std::string_view what, StoreOutcome& outcome);

// Whether another process holds LevelDB's fcntl lock on <dir>/LOCK.
bool leveldb_lock_is_held(const std::filesystem::path& dir);

// Opens an existing database with paranoid checks; null with `status` set on failure.
std::unique_ptr<leveldb::DB> open_leveldb(const std::filesystem::path& dir, leveldb::Status& status);

// A private copy of the database's files (not LOCK) in a scratch folder (platform/private_scratch.h),
// removed at scope exit, or by the next run when this one is killed.
class LevelDbReadCopy {
 public:
  explicit LevelDbReadCopy(const std::filesystem::path& source);
  LevelDbReadCopy(const LevelDbReadCopy&) = delete;
  LevelDbReadCopy& operator=(const LevelDbReadCopy&) = delete;
  bool ok() const { return folder_.ok() && error_.empty(); }
  const std::filesystem::path& path() const { return folder_.path(); }
  const std::string& error() const { return error_; }

 private:
  ScratchFolder folder_;
  std::string error_;
};

// What a store finds for a site in its database: every LevelDB key to delete, and what they mean
// for people. A store's finder reads the database it is given and sets `status` on failure.
struct LevelDbSiteKeys {
  std::vector<std::string> keys;
  std::vector<SiteItem> items;
};
using LevelDbKeyFinder = LevelDbSiteKeys (*)(leveldb::DB& db, const SiteMatcher& site, leveldb::Status& status);

// The store's outcome for `site` in the database at `dir` (`what` names it in messages):
// inspect reads a private copy; remove tests the lock, previews from a copy (all a dry run does),
// then opens in place only when there is something to delete, records every key and value in
// `journal` (when given; nothing is deleted if that fails), deletes every key in one synced batch
// (all or nothing) and compacts so the values leave the table files.
StoreOutcome inspect_leveldb_store(StoreOutcome outcome, std::string_view what, const std::filesystem::path& dir,
                                   const SiteMatcher& site, LevelDbKeyFinder find);
StoreOutcome remove_from_leveldb_store(StoreOutcome outcome, std::string_view what, const std::filesystem::path& dir,
                                       const SiteMatcher& site, LevelDbKeyFinder find, bool dry_run,
                                       StoreJournal* journal);

// Chromium creates its LevelDB files 0600; stock LevelDB would create them 0644.
class PrivateUmask {
 public:
  PrivateUmask();
  ~PrivateUmask();
  PrivateUmask(const PrivateUmask&) = delete;
  PrivateUmask& operator=(const PrivateUmask&) = delete;

 private:
  mode_t previous_;
};

}  // namespace cookiewarden
