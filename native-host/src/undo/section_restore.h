// Putting one journal section back (format: journal_format.h) through the same paths the stores
// delete with: the SQLite file opened and checked as for a deletion, the LevelDB opened in place
// after the same lock test, folders renamed back, Safari's cookie file rewritten by its own writer. Each section goes back
// all or nothing.
//
// What is already there wins: a row, key or folder that is present as recorded counts as
// `present` (a deletion that crashed between its journal and its edit left it: undo is then a
// no-op), and one the browser has written anew since (same key, other content) is kept and
// counted as a conflict. Undo never overwrites newer data.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "deletion/site_store.h"

namespace cookiewarden {

struct RestoreTally {
  std::size_t restored = 0;   // put back (with dry_run: would be)
  std::size_t present = 0;    // already there as recorded
  std::size_t conflicts = 0;  // something newer holds its place: kept, not restored
};

struct SectionFailure {
  SkipReason reason = SkipReason::none;
  std::string message;
};

// Each returns false with `failure` set when the section could not be restored; then nothing of
// it changed. Throws nlohmann::json::exception for a section of the wrong shape.
bool restore_sqlite_rows(const nlohmann::json& section, bool dry_run, RestoreTally& tally, SectionFailure& failure);
bool restore_leveldb_keys(const nlohmann::json& section, bool dry_run, RestoreTally& tally, SectionFailure& failure);
bool restore_binarycookies_records(const nlohmann::json& section, bool dry_run, RestoreTally& tally,
                                   SectionFailure& failure);
bool restore_folder(const nlohmann::json& section, const std::filesystem::path& journal_dir, bool dry_run,
                    RestoreTally& tally, SectionFailure& failure);

}  // namespace cookiewarden
