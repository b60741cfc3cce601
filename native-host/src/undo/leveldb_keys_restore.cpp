// restore_leveldb_keys (section_restore.h): journaled keys back into Chromium's Local Storage or
// Session Storage LevelDB, in one synced batch.
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <nlohmann/json.hpp>

#include "platform/path_text.h"
#include "stores/chromium_leveldb.h"
#include "undo/journal_format.h"
#include "undo/section_restore.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

std::vector<std::pair<std::string, std::string>> parse_entries(const nlohmann::json& section) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& pair : section.at("entries")) {
    std::string key, value;
    if (pair.size() != 2 || !hex_decode(pair.at(0).get<std::string>(), key) ||
        !hex_decode(pair.at(1).get<std::string>(), value))
      throw nlohmann::json::other_error::create(501, "not a journaled LevelDB entry", &pair);
    entries.emplace_back(std::move(key), std::move(value));
  }
  return entries;
}

bool fail(SectionFailure& failure, SkipReason reason, std::string message) {
  failure = {reason, std::move(message)};
  return false;
}

}  // namespace

bool restore_leveldb_keys(const nlohmann::json& section, bool dry_run, RestoreTally& tally, SectionFailure& failure) {
  auto entries = parse_entries(section);
  fs::path dir = path_from_text(section.at("dir").get<std::string>());
  StoreOutcome outcome;
  if (!leveldb_dir_usable(dir, "LevelDB", outcome)) return fail(failure, outcome.skipped, outcome.message);
  if (leveldb_lock_is_held(dir))
    return fail(failure, SkipReason::locked, dir.string() + "/LOCK is held by another process (is the browser running?)");
  PrivateUmask umask_for_new_files;
  leveldb::Status status;
  auto db = open_leveldb(dir, status);
  if (!db) return fail(failure, leveldb_skip_reason(status), dir.string() + ": " + status.ToString());
  RestoreTally counted;
  leveldb::WriteBatch batch;
  for (const auto& [key, value] : entries) {
    std::string current;
    status = db->Get(leveldb::ReadOptions(), key, &current);
    if (status.IsNotFound()) {
      batch.Put(key, value);
      ++counted.restored;
    } else if (!status.ok()) {
      return fail(failure, leveldb_skip_reason(status), dir.string() + ": " + status.ToString());
    } else if (current == value) {
      ++counted.present;
    } else {
      ++counted.conflicts;
    }
  }
  if (!dry_run && counted.restored > 0) {
    leveldb::WriteOptions write;
    write.sync = true;
    status = db->Write(write, &batch);
    if (!status.ok()) return fail(failure, leveldb_skip_reason(status), dir.string() + ": " + status.ToString());
  }
  tally.restored += counted.restored;
  tally.present += counted.present;
  tally.conflicts += counted.conflicts;
  return true;
}

}  // namespace cookiewarden
