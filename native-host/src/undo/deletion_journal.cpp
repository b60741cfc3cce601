#include "undo/deletion_journal.h"

#include <chrono>
#include <random>
#include <system_error>

#include "platform/path_text.h"
#include "undo/journal_format.h"
#include "undo/journal_list.h"
#include "undo/private_files.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

constexpr std::time_t kSecondsPerDay = 24 * 60 * 60;

// Milliseconds in the id: journals of one command (a profile after another) still sort by time.
std::string new_journal_id(std::chrono::system_clock::time_point now) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm parts{};
#if defined(_WIN32)
  gmtime_s(&parts, &seconds);
#else
  gmtime_r(&seconds, &parts);
#endif
  char stamp[24];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &parts);
  std::string id = stamp;
  id += static_cast<char>('0' + millis / 100);
  id += static_cast<char>('0' + millis / 10 % 10);
  id += static_cast<char>('0' + millis % 10);
  std::random_device random;
  std::string suffix(3, '\0');
  for (char& c : suffix) c = static_cast<char>(random() & 0xff);
  return id + "Z-" + hex_encode(suffix);
}

// The JSON text of a journal file; false when a string in it is not UTF-8 (a path that is not).
bool dump_json(const nlohmann::json& json, std::string& text, std::string& error) {
  try {
    text = json.dump(1);
    return true;
  } catch (const nlohmann::json::exception& e) {
    error = std::string("cannot write the undo journal: ") + e.what();
    return false;
  }
}

bool write_json(const fs::path& file, const nlohmann::json& json, std::string& error) {
  std::string text;
  return dump_json(json, text, error) && write_private_file(file, text, error);
}

}  // namespace

void to_json(nlohmann::json& out, const UndoReceipt& receipt) {
  out = {{"id", receipt.id}, {"until", receipt.until}, {"not_undoable", receipt.not_undoable}};
}

// --- StoreJournal ----------------------------------------------------------------------------

StoreJournal::StoreJournal(fs::path journal_dir, std::string file_name, std::string store, std::size_t& folders_saved)
    : dir_(std::move(journal_dir)), file_name_(std::move(file_name)), folders_saved_(folders_saved) {
  // A store id is ASCII: dump() cannot throw here.
  entry_head_ = nlohmann::json{{"format", kJournalFormat}, {"store", std::move(store)}}.dump();
  entry_head_.back() = ',';
  entry_head_ += "\"sections\":[";
}

bool StoreJournal::append(const nlohmann::json& section, std::string& error) {
  std::string text;
  return dump_json(section, text, error) && append_text(std::move(text), error);
}

bool StoreJournal::append_text(std::string section, std::string& error) {
  sections_.push_back(std::move(section));
  std::size_t size = entry_head_.size() + 2;
  for (const std::string& s : sections_) size += s.size() + 1;
  std::string entry;
  entry.reserve(size);
  entry += entry_head_;
  for (std::size_t i = 0; i < sections_.size(); ++i) {
    if (i) entry += ',';
    entry += sections_[i];
  }
  entry += "]}";
  bool written = write_private_file(dir_ / file_name_, entry, error);
  if (!written) sections_.pop_back();
  return written;
}

bool StoreJournal::record_rows(const fs::path& file, std::string_view table, const std::vector<std::string>& columns,
                               const std::vector<std::vector<SqliteValue>>& rows, bool keep_ids, std::string& error) {
  std::string text;
  nlohmann::json head = {
      {"kind", "sqlite_rows"}, {"file", path_text(file)}, {"table", table}, {"columns", columns}, {"keep_ids", keep_ids}};
  if (!dump_json(head, text, error)) return false;
  text.pop_back();  // the closing brace: the rows follow
  text += ",\"rows\":[";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    text += r ? ",[" : "[";
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      if (c) text += ',';
      append_sqlite_value_json(rows[r][c], text);
    }
    text += ']';
  }
  text += "]}";
  return append_text(std::move(text), error);
}

bool StoreJournal::record_leveldb_keys(const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& entries,
                                       std::string& error) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& [key, value] : entries) pairs.push_back({hex_encode(key), hex_encode(value)});
  return append({{"kind", "leveldb_keys"}, {"dir", path_text(dir)}, {"entries", std::move(pairs)}}, error);
}

bool StoreJournal::record_binarycookies(const fs::path& file, const std::vector<PlacedBinaryCookie>& records,
                                       std::string& error) {
  nlohmann::json placed = nlohmann::json::array();
  for (const PlacedBinaryCookie& r : records) {
    std::string_view bytes(reinterpret_cast<const char*>(r.bytes.data()), r.bytes.size());
    placed.push_back(nlohmann::json::object({{"source_page", r.source_page},
                                             {"page", r.page},
                                             {"page_kept", r.page_kept},
                                             {"index", r.index},
                                             {"bytes", hex_encode(bytes)}}));
  }
  return append({{"kind", "binarycookies_records"}, {"file", path_text(file)}, {"records", std::move(placed)}}, error);
}

fs::path StoreJournal::folder_slot(const fs::path& original, std::string& error) {
  if (!make_private_folder(dir_ / "folders", error)) return {};
  // A number is never reused, even when the move into it then failed: each section has its own.
  std::string number = std::to_string(++folders_saved_);
  if (!append({{"kind", "folder"}, {"original", path_text(original)}, {"saved", "folders/" + number}}, error)) return {};
  return dir_ / "folders" / number;
}

// --- DeletionJournal -------------------------------------------------------------------------

std::unique_ptr<DeletionJournal> DeletionJournal::open(const UndoSettings& settings, std::string description,
                                                       const BrowserProfile& profile, std::string& error) {
  if (!make_private_folder(settings.folder, error)) return nullptr;
  auto clock = std::chrono::system_clock::now();
  std::time_t now = std::chrono::system_clock::to_time_t(clock);
  prune_journals(settings, now);
  std::unique_ptr<DeletionJournal> journal(new DeletionJournal());
  journal->id_ = new_journal_id(clock);
  journal->dir_ = settings.folder / journal->id_;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(journal->dir_, ec))) {
    error = "undo journal " + journal->dir_.string() + " already exists";
    return nullptr;
  }
  if (!make_private_folder(journal->dir_, error)) return nullptr;
  std::time_t until = now + settings.keep_days * kSecondsPerDay;
  journal->manifest_ = {{"format", kJournalFormat}, {"id", journal->id_},     {"created", utc_text(now)},
                        {"until", utc_text(until)},  {"until_epoch", until}, {"description", std::move(description)},
                        {"profile", profile}};
  if (!journal->write_manifest(false, error)) {
    fs::remove_all(journal->dir_, ec);
    return nullptr;
  }
  return journal;
}

StoreJournal& DeletionJournal::for_store(std::string store) {
  std::string file_name = "store-" + std::to_string(stores_.size() + 1) + ".json";
  stores_.push_back(std::make_unique<StoreJournal>(dir_, std::move(file_name), std::move(store), folders_saved_));
  return *stores_.back();
}

bool DeletionJournal::write_manifest(bool complete, std::string& error) {
  manifest_["complete"] = complete;
  nlohmann::json files = nlohmann::json::array();
  for (const auto& store : stores_)
    if (!store->empty()) files.push_back(store->file_name());
  manifest_["stores"] = std::move(files);
  return write_json(dir_ / "manifest.json", manifest_, error);
}

std::optional<UndoReceipt> DeletionJournal::close(std::vector<std::string> not_undoable) {
  bool recorded = false;
  for (const auto& store : stores_) recorded = recorded || !store->empty();
  std::error_code ec;
  if (!recorded) {
    fs::remove_all(dir_, ec);
    return std::nullopt;
  }
  // Unwritable now (it was writable a moment ago): the entries are on disk and undo reads them
  // with the manifest saying "not complete", which is still the truth of what they hold.
  std::string error;
  write_manifest(true, error);
  return UndoReceipt{id_, manifest_["until"].get<std::string>(), std::move(not_undoable)};
}

}  // namespace cookiewarden
