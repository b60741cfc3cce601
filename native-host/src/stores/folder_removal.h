// Removing per-origin folders (and files) from a browser profile, safely and all or none.
//
// Safety: nothing outside the profile folder is ever removed (the canonical parent of each target
// must lie inside the canonical profile root), a symlinked target is refused, and a folder that
// holds a symlink pointing outside the profile is refused as a whole; symlinks are never
// followed while sizing or removing.
//
// All or none: every target is first moved into a private folder of the profile,
// <profile>/.cookiewarden-removal/<pid>-<n>/ (a rename: atomic, and the browser no longer sees it).
// If one move fails, the ones already moved are put back and nothing has changed. Only then is
// that folder removed. Stores holding a database transaction stage the folders, commit, and
// unstage if the commit fails.
//
// Interrupted (killed, power loss) between staging and the end: the folder holds an `intent` file
// naming the store and the site, written and flushed before anything moves. The next deletion in
// the profile finds it (abandoned_removals), runs that store's removal of that site again (which
// deletes what the commit did not: quota rows, files not yet moved) and then discards the folder:
// the store is rolled forward to the after state, and no copy of the data is left.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "deletion/site_store.h"

namespace cookiewarden {

// Which store removes which site's folders: what the next run needs to finish the job.
struct RemovalIntent {
  std::string store;  // SiteStore::id()
  std::string site;   // SiteMatcher::site()
};

class FolderRemoval {
 public:
  // With a journal, stage() moves each target into it (undo/deletion_journal.h) instead of into the
  // removal folder (copied there first, then moved aside, when the journal is on another file system).
  FolderRemoval(std::filesystem::path profile_root, RemovalIntent intent, StoreJournal* journal = nullptr);
  ~FolderRemoval();  // puts staged targets back if neither finish() nor unstage() ran
  FolderRemoval(const FolderRemoval&) = delete;
  FolderRemoval& operator=(const FolderRemoval&) = delete;

  // Checks `item.path` and records it with its size in item.bytes. A target that does not exist
  // is ignored (returns true, nothing recorded). Refusals fill reason/message and return false.
  bool add(SiteItem item, SkipReason& reason, std::string& message);
  const std::vector<SiteItem>& items() const { return items_; }

  // Writes the intent, then moves every target into the removal folder. On failure restores the
  // ones moved and returns false.
  bool stage(SkipReason& reason, std::string& message);
  // Moves staged targets back to their names and drops the removal folder.
  void unstage();
  // Removes the removal folder with the staged targets. Returns the paths that could not be
  // removed completely (the browser no longer sees them; the next run removes them).
  std::vector<std::filesystem::path> finish();

 private:
  std::filesystem::path root_;  // canonical
  RemovalIntent intent_;
  std::vector<SiteItem> items_;
  std::filesystem::path folder_;               // the removal folder while staged
  std::vector<std::filesystem::path> staged_;  // where each target went, parallel to items_ while staged
  StoreJournal* journal_ = nullptr;
};

// A removal folder a killed run left in the profile.
struct AbandonedRemoval {
  std::filesystem::path folder;
  RemovalIntent intent;  // empty store when the intent was never completely written
};

// The removal folders of runs that are gone, in <profile_root>/.cookiewarden-removal/. Call it
// only while holding the profile's edit lock (then no other run is editing the profile).
std::vector<AbandonedRemoval> abandoned_removals(const std::filesystem::path& profile_root);

// Deletes a removal folder with what it holds (after its store committed or was rolled forward),
// and .cookiewarden-removal itself once it is empty.
bool discard_removal(const std::filesystem::path& folder);

// Bytes of regular files under `path` (or of the file itself), without following symlinks.
std::uint64_t size_on_disk(const std::filesystem::path& path);

}  // namespace cookiewarden
