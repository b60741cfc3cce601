// The undo journal's on-disk format, version 1 (kJournalFormat). One folder per deletion:
//
//   <undo folder>/<id>/manifest.json   {"format": 1, "id", "created", "until" (UTC, ISO 8601),
//       "until_epoch" (seconds), "description", "profile": {BrowserProfile}, "complete": bool,
//       "stores": ["store-1.json", ...]}   ("complete" false: the deletion did not finish)
//   <undo folder>/<id>/store-N.json    {"format": 1, "store", "sections": [...]}
//   <undo folder>/<id>/folders/N/      a folder (or file) removed from the profile, as it was
//
// Each section is what one step of the store removes, written before that step:
//   {"kind": "sqlite_rows", "file", "table", "columns": [names], "keep_ids": bool,
//    "rows": [[value, ...], ...]}      every column of every deleted row; a value is null, an
//                                      integer, {"real": number}, {"text": hex} or {"blob": hex}
//                                      (hex keeps bytes exact, UTF-8 or not)
//   {"kind": "leveldb_keys", "dir", "entries": [[key hex, value hex], ...]}
//   {"kind": "folder", "original", "saved": "folders/N"}
//   {"kind": "binarycookies_records", "file", "records": [{"source_page", "page", "page_kept",
//    "index", "bytes": hex}, ...]}   Safari's removed cookie records, whole, in file order, with
//                                      where they go back (PlacedBinaryCookie, safari_binarycookies.h)
// Paths are UTF-8 text (platform/path_text.h). An id is the UTC time to the millisecond and 6 random
// hex digits: "20261207T013900123Z-0a1b2c".
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "stores/sqlite_database.h"

namespace cookiewarden {

inline constexpr int kJournalFormat = 1;

std::string hex_encode(std::string_view bytes);
// False when `hex` is not an even number of hex digits.
bool hex_decode(std::string_view hex, std::string& bytes);

// Appends the value's JSON text (the shapes above) to `out`. Written as text, not built as a
// nlohmann::json: a sweep journals thousands of rows of a dozen columns each.
void append_sqlite_value_json(const SqliteValue& value, std::string& out);
// Throws nlohmann::json::exception for a value of no known shape.
SqliteValue sqlite_value_from_json(const nlohmann::json& json);

// "2026-12-07T01:39:00Z".
std::string utc_text(std::time_t when);

// Whether `id` has the shape of a journal id: what a caller passes is checked before it names a
// folder, so "../x" never reaches the file system.
bool is_journal_id(std::string_view id);

}  // namespace cookiewarden
