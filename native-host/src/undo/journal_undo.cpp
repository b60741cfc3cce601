#include "undo/journal_undo.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <system_error>

#include <nlohmann/json.hpp>

#include "browsers/running_detection.h"
#include "deletion/profile_edit_lock.h"
#include "platform/file_contents.h"
#include "platform/path_text.h"
#include "undo/journal_format.h"
#include "undo/journal_list.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

// store-N.json files by N: the order the stores recorded in (a store that recorded nothing has
// no file).
std::vector<fs::path> store_entries(const fs::path& journal_dir) {
  std::map<int, fs::path> entries;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(journal_dir, ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("store-") || !name.ends_with(".json")) continue;
    int number = 0;
    std::string_view digits(name.data() + 6, name.size() - 6 - 5);
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error == std::errc{} && end == digits.data() + digits.size()) entries.emplace(number, entry.path());
  }
  std::vector<fs::path> out;
  for (auto& [number, path] : entries) out.push_back(std::move(path));
  return out;
}

// The file, database or folder a section goes back into.
fs::path section_location(const nlohmann::json& section) {
  for (const char* key : {"file", "dir", "original"})
    if (section.contains(key)) return path_from_text(section.at(key).get<std::string>());
  return {};
}

bool restore_section(const nlohmann::json& section, const fs::path& journal_dir, bool dry_run, RestoreTally& tally,
                     SectionFailure& failure) {
  std::string kind = section.at("kind").get<std::string>();
  if (kind == "sqlite_rows") return restore_sqlite_rows(section, dry_run, tally, failure);
  if (kind == "leveldb_keys") return restore_leveldb_keys(section, dry_run, tally, failure);
  if (kind == "binarycookies_records") return restore_binarycookies_records(section, dry_run, tally, failure);
  if (kind == "folder") return restore_folder(section, journal_dir, dry_run, tally, failure);
  failure = {SkipReason::schema_too_new, "a journal section of unknown kind '" + kind + "'"};
  return false;
}

StoreRestore restore_store(const fs::path& entry_file, const fs::path& journal_dir, bool dry_run) {
  StoreRestore restore;
  auto text = read_text_file(entry_file);
  if (!text.ok()) {
    restore.skipped = SkipReason::io_error;
    restore.message = text.detail();
    return restore;
  }
  try {
    nlohmann::json entry = nlohmann::json::parse(*text);
    if (entry.at("format").get<int>() != kJournalFormat) {
      restore.skipped = SkipReason::schema_too_new;
      restore.message = entry_file.string() + " has journal format " + entry.at("format").dump();
      return restore;
    }
    restore.store = entry.at("store").get<std::string>();
    for (const auto& section : entry.at("sections")) {
      restore.location = section_location(section);
      SectionFailure failure;
      if (restore_section(section, journal_dir, dry_run, restore.tally, failure)) continue;
      restore.skipped = failure.reason;
      restore.message = failure.message;
      return restore;
    }
  } catch (const nlohmann::json::exception& e) {
    restore.skipped = SkipReason::corrupt;
    restore.message = entry_file.string() + " is not a readable journal entry: " + e.what();
  }
  return restore;
}

std::string close_first_undo_message(const BrowserProfile& profile, const std::string& detail) {
  return profile.browser_name + " is running (" + detail + "). Close " + profile.browser_name +
         " and try again; nothing was restored in profile '" + profile.profile_name + "'.";
}

}  // namespace

bool UndoResult::complete() const {
  return skipped == SkipReason::none &&
         std::all_of(stores.begin(), stores.end(), [](const StoreRestore& s) { return s.skipped == SkipReason::none; });
}

RestoreTally UndoResult::total() const {
  RestoreTally sum;
  for (const StoreRestore& store : stores) {
    sum.restored += store.tally.restored;
    sum.present += store.tally.present;
    sum.conflicts += store.tally.conflicts;
  }
  return sum;
}

UndoResult undo_journal(const fs::path& journal_dir, bool dry_run) {
  UndoResult result;
  result.id = journal_dir.filename().string();
  result.dry_run = dry_run;
  JournalSummary summary;
  if (!read_journal_summary(journal_dir, summary)) {
    result.skipped = SkipReason::not_present;
    result.message = "no undo journal " + result.id + " (see 'cookiewarden undo --list')";
    return result;
  }
  result.description = summary.description;
  result.profile = summary.profile;
  RunningState running = detect_running(result.profile);
  if (running.running) {
    result.skipped = SkipReason::running;
    result.message = close_first_undo_message(result.profile, running.detail);
    return result;
  }
  ProfileEditLock lock(result.profile);
  if (!lock.held()) {
    result.skipped = SkipReason::running;
    result.message = close_first_undo_message(result.profile, lock.detail());
    return result;
  }
  for (const fs::path& entry : store_entries(journal_dir)) result.stores.push_back(restore_store(entry, journal_dir, dry_run));
  if (!dry_run && result.complete()) {
    std::error_code ec;
    fs::remove_all(journal_dir, ec);
  }
  return result;
}

void to_json(nlohmann::json& out, const StoreRestore& store) {
  out = {{"store", store.store},
         {"location", path_text(store.location)},
         {"skipped", store.skipped == SkipReason::none ? nlohmann::json(nullptr)
                                                       : nlohmann::json(skip_reason_name(store.skipped))},
         {"message", store.message},
         {"restored", store.tally.restored},
         {"present", store.tally.present},
         {"conflicts", store.tally.conflicts}};
}

void to_json(nlohmann::json& out, const UndoResult& result) {
  RestoreTally total = result.total();
  out = {{"id", result.id},
         {"description", result.description},
         {"profile", result.profile},
         {"dry_run", result.dry_run},
         {"skipped", result.skipped == SkipReason::none ? nlohmann::json(nullptr)
                                                        : nlohmann::json(skip_reason_name(result.skipped))},
         {"message", result.message},
         {"complete", result.complete()},
         {"restored", total.restored},
         {"present", total.present},
         {"conflicts", total.conflicts},
         {"stores", result.stores}};
}

}  // namespace cookiewarden
