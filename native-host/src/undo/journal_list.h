// The journals in the undo folder: what `cookiewarden undo --list` shows, and pruning (at the
// start of every deletion): a journal past its "until" goes, then the oldest go until the rest
// fit settings.max_bytes.
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "browsers/browser_profile.h"
#include "undo/undo_settings.h"

namespace cookiewarden {

struct JournalSummary {
  std::string id;
  std::string created, until;  // UTC, ISO 8601
  std::time_t until_epoch = 0;
  std::string description;
  BrowserProfile profile;
  bool complete = false;       // false: the deletion stopped part way (what it recorded can be undone)
  std::uint64_t bytes = 0;     // the journal's size on disk
  std::filesystem::path folder;
};

// Reads <folder>/<id>/manifest.json. False when missing or not a journal manifest.
bool read_journal_summary(const std::filesystem::path& journal_dir, JournalSummary& summary);

// Every readable journal in `folder`, newest first (ids sort by time).
std::vector<JournalSummary> list_journals(const std::filesystem::path& folder);

// The journals that can still be undone at `now` (not past their "until"), newest first: an
// expired one is gone for undo even before the next deletion prunes it.
std::vector<JournalSummary> undoable_journals(const std::filesystem::path& folder, std::time_t now);

// Removes expired journals, then the oldest until the rest fit settings.max_bytes. A folder with
// no readable manifest is removed once it is a day old (a deletion that crashed as it began; a
// younger one may be a journal another process is starting).
void prune_journals(const UndoSettings& settings, std::time_t now);

// The journal folders `ids` name in `folder`, or, with no ids, the newest journal; only those
// still undoable at `now`. Empty with
// `error` (and `missing` true when the journals do not exist, false when an id is malformed).
std::vector<std::filesystem::path> journals_named(const std::filesystem::path& folder,
                                                  const std::vector<std::string>& ids, std::time_t now,
                                                  std::string& error, bool& missing);

// {"id","created","until","description","profile","complete","bytes"}
void to_json(nlohmann::json& out, const JournalSummary& summary);

}  // namespace cookiewarden
