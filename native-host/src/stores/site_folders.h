// What the stores whose site data are whole folders or files share (WebKit's per-origin folders
// and legacy localStorage files): each store only lists the site's paths; sizing, the all-or-none
// removal with its undo record (folder_removal.h) and the outcome are one code path.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "deletion/site_store.h"

namespace cookiewarden {

// The outcome of inspect(): `items` with their sizes; not_present when `location` does not exist.
StoreOutcome inspect_site_folders(std::string_view store, const std::filesystem::path& location,
                                  std::vector<SiteItem> items);

// The outcome of remove(): moves every item's path out of `profile_root` (all or none) after
// recording it in `journal` (may be null); with dry_run, checks them and moves nothing.
StoreOutcome remove_site_folders(std::string_view store, const std::filesystem::path& location,
                                 const std::filesystem::path& profile_root, const SiteMatcher& site,
                                 std::vector<SiteItem> items, StoreJournal* journal, bool dry_run);

// A store whose site data are whole folders under `root`: it only says which (site_folders), and
// inspect, remove and undo are the functions above. `bound` bounds what may be removed
// (folder_removal.h): the profile, or the browser's cache folder.
class SiteFolderStore : public SiteStore {
 public:
  SiteFolderStore(std::filesystem::path bound, std::filesystem::path root)
      : bound_(std::move(bound)), root_(std::move(root)) {}

  StoreOutcome inspect(const SiteMatcher& site) const final {
    return inspect_site_folders(id(), root_, site_folders(site));
  }
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) final {
    return remove_site_folders(id(), root_, bound_, site, site_folders(site), journal(), dry_run);
  }
  bool undoable() const final { return true; }

 protected:
  virtual std::vector<SiteItem> site_folders(const SiteMatcher& site) const = 0;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path bound_;
  std::filesystem::path root_;
};

}  // namespace cookiewarden
