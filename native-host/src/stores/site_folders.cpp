#include "stores/site_folders.h"

#include "platform/path_presence.h"
#include "stores/folder_removal.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

bool absent(const fs::path& location, StoreOutcome& outcome) {
  if (path_present(location)) return false;
  outcome.skipped = SkipReason::not_present;
  outcome.message = "no " + location.string();
  return true;
}

}  // namespace

StoreOutcome inspect_site_folders(std::string_view store, const fs::path& location, std::vector<SiteItem> items) {
  StoreOutcome outcome{std::string(store), location, {}, {}, {}};
  if (absent(location, outcome)) return outcome;
  for (SiteItem& item : items) item.bytes = size_on_disk(item.path);
  outcome.items = std::move(items);
  return outcome;
}

StoreOutcome remove_site_folders(std::string_view store, const fs::path& location, const fs::path& profile_root,
                                 const SiteMatcher& site, std::vector<SiteItem> items, StoreJournal* journal,
                                 bool dry_run) {
  StoreOutcome outcome{std::string(store), location, {}, {}, {}};
  if (absent(location, outcome)) return outcome;
  FolderRemoval removal(profile_root, {std::string(store), site.site()}, journal);
  for (SiteItem& item : items)
    if (!removal.add(std::move(item), outcome.skipped, outcome.message)) return outcome;
  outcome.items = removal.items();
  if (dry_run || outcome.items.empty()) return outcome;
  if (!removal.stage(outcome.skipped, outcome.message)) {
    outcome.items.clear();
    return outcome;
  }
  for (const fs::path& leftover : removal.finish())
    outcome.message += (outcome.message.empty() ? "" : "; ") + leftover.string() + " could not be removed completely";
  return outcome;
}

}  // namespace cookiewarden
