// Protocol commands of the undo journal (journal_undo.h, journal_list.h):
//   `undo` {"ids"?: [string], "dry_run"?: bool} → {"dry_run", "complete", "undone": [UndoResult]}
//       puts back what the deletions with these undo IDs (a delete_site result's
//       profiles[].undo.id) removed; without ids, the newest deletion. A profile whose browser runs
//       is listed with skipped "running" and complete false; the request itself succeeds.
//       invalid_argument for a malformed id, not_found for one that is not (any longer) there.
//   `undo_list` {} → {"journals": [JournalSummary]}: what can be undone, newest first.
#include <chrono>

#include <nlohmann/json.hpp>

#include "protocol/command.h"
#include "undo/journal_list.h"
#include "undo/journal_undo.h"
#include "undo/undo_settings.h"

namespace cookiewarden::protocol {
namespace {

std::time_t now() { return std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()); }

CommandResult run_undo(const nlohmann::json& args, CommandContext& ctx) {
  std::vector<std::string> ids;
  bool dry_run = false;
  if (args.contains("ids")) {
    const nlohmann::json& given = args.at("ids");
    if (!given.is_array()) return CommandResult::failure(ErrorCode::invalid_argument, "ids must be an array of undo IDs");
    for (const auto& id : given) {
      if (!id.is_string()) return CommandResult::failure(ErrorCode::invalid_argument, "each undo ID must be a string");
      ids.push_back(id.get<std::string>());
    }
  }
  if (args.contains("dry_run")) {
    if (!args.at("dry_run").is_boolean())
      return CommandResult::failure(ErrorCode::invalid_argument, "dry_run must be true or false");
    dry_run = args.at("dry_run").get<bool>();
  }
  std::string error;
  bool missing = false;
  auto journals = journals_named(undo_folder(ctx.env), ids, now(), error, missing);
  if (journals.empty())
    return CommandResult::failure(missing ? ErrorCode::not_found : ErrorCode::invalid_argument, error);
  nlohmann::json undone = nlohmann::json::array();
  bool complete = true;
  for (const auto& journal : journals) {
    UndoResult result = undo_journal(journal, dry_run);
    complete = complete && result.complete();
    undone.push_back(result);
  }
  return CommandResult::success({{"dry_run", dry_run}, {"complete", complete}, {"undone", std::move(undone)}});
}

CommandResult run_undo_list(const nlohmann::json&, CommandContext& ctx) {
  return CommandResult::success({{"journals", undoable_journals(undo_folder(ctx.env), now())}});
}

}  // namespace

extern const Command kUndoCommand{"undo", run_undo};
extern const Command kUndoListCommand{"undo_list", run_undo_list};

}  // namespace cookiewarden::protocol
