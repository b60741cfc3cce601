#include "undo/journal_list.h"

#include <algorithm>
#include <chrono>
#include <system_error>

#include <nlohmann/json.hpp>

#include "platform/small_file.h"
#include "stores/folder_removal.h"
#include "undo/journal_format.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxManifestBytes = 1 << 20;
constexpr auto kOrphanAge = std::chrono::hours(24);

void remove_journal(const fs::path& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
}

bool is_old_orphan(const fs::path& dir) {
  std::error_code ec;
  auto written = fs::last_write_time(dir, ec);
  return !ec && fs::file_time_type::clock::now() - written > kOrphanAge;
}

}  // namespace

bool read_journal_summary(const fs::path& journal_dir, JournalSummary& summary) {
  auto text = read_small_file(journal_dir / "manifest.json", kMaxManifestBytes);
  if (!text) return false;
  try {
    nlohmann::json manifest = nlohmann::json::parse(*text);
    if (manifest.at("format").get<int>() != kJournalFormat) return false;
    summary.id = manifest.at("id").get<std::string>();
    if (summary.id != journal_dir.filename().string()) return false;
    summary.created = manifest.at("created").get<std::string>();
    summary.until = manifest.at("until").get<std::string>();
    summary.until_epoch = manifest.at("until_epoch").get<std::time_t>();
    summary.description = manifest.at("description").get<std::string>();
    summary.profile = manifest.at("profile").get<BrowserProfile>();
    summary.complete = manifest.at("complete").get<bool>();
  } catch (const nlohmann::json::exception&) {
    return false;
  }
  summary.folder = journal_dir;
  summary.bytes = size_on_disk(journal_dir);
  return true;
}

std::vector<JournalSummary> list_journals(const fs::path& folder) {
  std::vector<JournalSummary> journals;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    JournalSummary summary;
    if (is_journal_id(entry.path().filename().string()) && read_journal_summary(entry.path(), summary))
      journals.push_back(std::move(summary));
  }
  std::sort(journals.begin(), journals.end(),
            [](const JournalSummary& a, const JournalSummary& b) { return a.id > b.id; });
  return journals;
}

std::vector<JournalSummary> undoable_journals(const fs::path& folder, std::time_t now) {
  std::vector<JournalSummary> journals = list_journals(folder);
  std::erase_if(journals, [now](const JournalSummary& journal) { return journal.until_epoch <= now; });
  return journals;
}

void prune_journals(const UndoSettings& settings, std::time_t now) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(settings.folder, ec)) {
    JournalSummary summary;
    if (!is_journal_id(entry.path().filename().string())) continue;
    if (!read_journal_summary(entry.path(), summary) && is_old_orphan(entry.path())) remove_journal(entry.path());
  }
  std::vector<JournalSummary> journals = list_journals(settings.folder);  // newest first
  std::uint64_t total = 0;
  bool full = false;
  for (const JournalSummary& journal : journals) {
    full = full || total + journal.bytes > settings.max_bytes;
    if (full || journal.until_epoch <= now) {
      remove_journal(journal.folder);
      continue;
    }
    total += journal.bytes;
  }
}

std::vector<fs::path> journals_named(const fs::path& folder, const std::vector<std::string>& ids, std::time_t now,
                                     std::string& error, bool& missing) {
  missing = false;
  if (ids.empty()) {
    std::vector<JournalSummary> journals = undoable_journals(folder, now);
    if (!journals.empty()) return {journals.front().folder};
    missing = true;
    error = "nothing to undo: the undo journal in " + folder.string() + " is empty";
    return {};
  }
  std::vector<fs::path> dirs;
  for (const std::string& id : ids) {
    if (!is_journal_id(id)) {
      error = "'" + id + "' is not an undo ID (they look like 20261207T013900123Z-0a1b2c; see 'cookiewarden undo --list')";
      return {};
    }
    JournalSummary summary;
    if (!read_journal_summary(folder / id, summary) || summary.until_epoch <= now) {
      missing = true;
      error = "no undo journal " + id + " (it was undone, or expired; see 'cookiewarden undo --list')";
      return {};
    }
    dirs.push_back(folder / id);
  }
  return dirs;
}

void to_json(nlohmann::json& out, const JournalSummary& summary) {
  out = {{"id", summary.id},
         {"created", summary.created},
         {"until", summary.until},
         {"description", summary.description},
         {"profile", summary.profile},
         {"complete", summary.complete},
         {"bytes", summary.bytes}};
}

}  // namespace cookiewarden
