// Writing the undo journal of one deletion (format: journal_format.h). Journal first, edit
// second: a store hands what it is about to remove to its StoreJournal, which is on disk (flushed)
// when the call returns; only then does the store delete. A store whose record fails deletes
// nothing. A crash between the two leaves a journal of data still present, which undo skips.
//
// Nothing here knows about sites: a deletion is an id, a description and one entry per store,
// so a sweep by policy records the same way as a deletion by site.
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "browsers/browser_profile.h"
#include "stores/safari_binarycookies.h"
#include "stores/sqlite_database.h"
#include "undo/undo_settings.h"

namespace cookiewarden {

// What a deletion's report says about undoing it.
struct UndoReceipt {
  std::string id;
  std::string until;                      // UTC, ISO 8601
  std::vector<std::string> not_undoable;  // stores that deleted something they cannot record
};

// {"id","until","not_undoable":[store ids]}
void to_json(nlohmann::json& out, const UndoReceipt& receipt);

// One store's entry in a deletion journal.
class StoreJournal {
 public:
  // `folders_saved` counts the folders of the whole journal (shared by its stores): the next one
  // is saved as folders/<count + 1>.
  StoreJournal(std::filesystem::path journal_dir, std::string file_name, std::string store,
               std::size_t& folders_saved);

  // Rows about to be deleted from `table` in the SQLite `file`: every column, as stored.
  // `keep_ids`: the rows' integer ids are referenced elsewhere (a folder named after the id), so
  // undo restores them unchanged or not at all.
  bool record_rows(const std::filesystem::path& file, std::string_view table, const std::vector<std::string>& columns,
                   const std::vector<std::vector<SqliteValue>>& rows, bool keep_ids, std::string& error);
  // LevelDB keys about to be deleted from the database in `dir`, with their values.
  bool record_leveldb_keys(const std::filesystem::path& dir,
                           const std::vector<std::pair<std::string, std::string>>& entries, std::string& error);
  // Records about to be removed from Safari's binarycookies `file`, with where they go back.
  bool record_binarycookies(const std::filesystem::path& file, const std::vector<PlacedBinaryCookie>& records,
                            std::string& error);
  // A folder (or file) about to be removed: records it and returns where in the journal it is to
  // be moved or copied (the path does not exist yet); empty with `error` on failure.
  std::filesystem::path folder_slot(const std::filesystem::path& original, std::string& error);

  bool empty() const { return sections_.empty(); }
  const std::string& file_name() const { return file_name_; }

 private:
  // Adds a section and rewrites the entry file with it; on failure the entry is as it was.
  bool append(const nlohmann::json& section, std::string& error);
  bool append_text(std::string section, std::string& error);

  std::filesystem::path dir_;
  std::string file_name_;
  std::size_t& folders_saved_;
  std::string entry_head_;  // the entry's JSON text up to its sections: {"format":1,"store":"…","sections":[
  // Each section's JSON text, serialised once: a store's later sections do not re-serialise the
  // earlier ones, and a sweep's thousands of rows are never held as a nlohmann::json tree.
  std::vector<std::string> sections_;
};

class DeletionJournal {
 public:
  // Prunes the journals in settings.folder (journal_list.h), then starts a new one there for a
  // deletion in `profile` (its manifest is on disk when this returns). Null with `error` when the
  // folder cannot be made private or written.
  static std::unique_ptr<DeletionJournal> open(const UndoSettings& settings, std::string description,
                                               const BrowserProfile& profile, std::string& error);

  // The entry of one store; `store` is its id ("chromium_cookies"). Written at its first record.
  StoreJournal& for_store(std::string store);

  // Ends the journal. Returns its receipt when any store recorded something (the manifest then
  // says complete and lists the entries); otherwise removes the journal and returns nothing.
  std::optional<UndoReceipt> close(std::vector<std::string> not_undoable);

  const std::string& id() const { return id_; }
  const std::filesystem::path& folder() const { return dir_; }

 private:
  DeletionJournal() = default;
  bool write_manifest(bool complete, std::string& error);

  std::string id_;
  std::filesystem::path dir_;
  nlohmann::json manifest_;
  std::vector<std::unique_ptr<StoreJournal>> stores_;
  std::size_t folders_saved_ = 0;
};

}  // namespace cookiewarden
