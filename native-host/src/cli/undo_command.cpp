#include <chrono>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "cli/site_data_text.h"
#include "undo/journal_list.h"
#include "undo/journal_undo.h"
#include "undo/undo_settings.h"

namespace cookiewarden::cli {
namespace {

std::time_t now() { return std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()); }

void print_journals(const std::vector<JournalSummary>& journals, std::ostream& out) {
  if (journals.empty()) {
    out << "Nothing to undo.\n";
    return;
  }
  for (const auto& journal : journals)
    out << journal.id << "  " << journal.description << "  (" << human_bytes(journal.bytes) << ", until "
        << journal.until << (journal.complete ? "" : ", deletion did not finish") << ")\n";
}

void print_undo(const UndoResult& result, std::ostream& out) {
  out << result.id << (result.description.empty() ? "" : " (" + result.description + ")") << ": ";
  if (result.skipped != SkipReason::none) {
    out << "SKIPPED - " << result.message << "\n\n";
    return;
  }
  RestoreTally total = result.total();
  out << (result.dry_run ? "would restore " : "restored ") << total.restored << " item"
      << (total.restored == 1 ? "" : "s") << (result.complete() ? "" : " (some stores were skipped)") << "\n";
  for (const auto& store : result.stores) {
    out << "  " << store.store << ": ";
    if (store.skipped != SkipReason::none) {
      out << "SKIPPED (" << skip_reason_name(store.skipped) << ") " << store.message << "\n";
      continue;
    }
    out << store.tally.restored << (result.dry_run ? " to restore" : " restored");
    if (store.tally.present) out << ", " << store.tally.present << " already there";
    if (store.tally.conflicts) out << ", " << store.tally.conflicts << " kept (newer data in their place)";
    out << "\n";
  }
  out << "\n";
}

int run_list(const std::filesystem::path& folder, bool json, Io io) {
  std::vector<JournalSummary> journals = undoable_journals(folder, now());
  if (json) io.out << nlohmann::json{{"journals", journals}}.dump(2) << "\n";
  else print_journals(journals, io.out);
  return kExitOk;
}

int run_undo(std::span<const std::string_view> args, Io io) {
  auto parsed = Arguments::parse(args, {{"--json", "--dry-run", "--list"}, {}, 64});
  if (!parsed.ok()) {
    io.err << "cookiewarden undo: " << parsed.detail() << "\n";
    return kExitUsage;
  }
  std::filesystem::path folder = undo_folder(Environment::current());
  bool json = parsed->has("--json"), dry_run = parsed->has("--dry-run");
  if (parsed->has("--list")) return run_list(folder, json, io);
  std::string error;
  bool missing = false;
  auto journals = journals_named(folder, parsed->positionals(), now(), error, missing);
  if (journals.empty()) {
    io.err << "cookiewarden undo: " << error << "\n";
    return missing ? kExitFailure : kExitUsage;
  }
  bool complete = true;
  nlohmann::json undone = nlohmann::json::array();
  for (const auto& journal : journals) {
    UndoResult result = undo_journal(journal, dry_run);
    complete = complete && result.complete();
    if (json) undone.push_back(result);
    else print_undo(result, io.out);
  }
  if (json) {
    nlohmann::json out = {{"dry_run", dry_run}, {"complete", complete}, {"undone", std::move(undone)}};
    io.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return complete ? kExitOk : kExitPartial;
}

}  // namespace

extern const CliCommand kUndoCommand{
    "undo", "put back what a deletion removed (from this user's undo journal; browsers must be closed)",
    "Usage: cookiewarden undo [ID]... [--dry-run] [--json]\n"
    "       cookiewarden undo --list [--json]\n\n"
    "Restores exactly what the deletions with these undo IDs removed (each profile's result of\n"
    "'cookiewarden delete' gives its ID); without an ID, the most recent deletion. Cookies come back\n"
    "with every column as they were (encrypted values, partition keys), local and session storage\n"
    "keys with their values, IndexedDB and site folders byte for byte. What the browser has written\n"
    "in their place since is kept. A profile whose browser is running is skipped untouched.\n"
    "A deletion can be undone for 7 days (delete --undo-days N); the journal is then pruned.\n\n"
    "  --list        what can be undone, newest first\n"
    "  --dry-run     count what would be restored; change nothing\n"
    "  --json        machine-readable output (the protocol's undo / undo_list result)\n\n"
    "Exit codes: 0 all restored, 3 partial (a profile or store was skipped), 1 no such undo ID\n"
    "(or nothing to undo), 2 usage.\n",
    run_undo};

}  // namespace cookiewarden::cli
