// `cookiewarden undo`: puts back what one deletion removed, from its journal (journal_format.h),
// into a closed profile. The same safety as a deletion (site_deletion.h): a profile whose browser
// runs is refused untouched, Firefox's .parentlock is held while editing. Each store's sections go
// back in the order they were recorded; a store that fails is reported and the others still run.
// A journal that was undone completely is removed; otherwise it stays for another try (what went
// back is then "present").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "browsers/browser_profile.h"
#include "deletion/site_store.h"
#include "undo/section_restore.h"

namespace cookiewarden {

struct StoreRestore {
  std::string store;
  std::filesystem::path location;  // the last file or folder it restored into (or tried to)
  SkipReason skipped = SkipReason::none;
  std::string message;
  RestoreTally tally;
};

struct UndoResult {
  std::string id;
  std::string description;
  BrowserProfile profile;
  bool dry_run = false;
  // running: the browser runs, nothing was touched. corrupt/not_present: no readable journal.
  SkipReason skipped = SkipReason::none;
  std::string message;
  std::vector<StoreRestore> stores;

  bool complete() const;
  RestoreTally total() const;
};

UndoResult undo_journal(const std::filesystem::path& journal_dir, bool dry_run);

// {"id","description","profile","dry_run","skipped","message","complete","restored","present",
//  "conflicts","stores":[{"store","location","skipped","message","restored","present","conflicts"}]}
void to_json(nlohmann::json& out, const UndoResult& result);

}  // namespace cookiewarden
