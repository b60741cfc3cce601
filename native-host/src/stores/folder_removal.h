// Removing per-origin folders (and files) from a browser profile, safely and all or none.
//
// Safety: nothing outside the profile folder is ever removed (the canonical parent of each target
// must lie inside the canonical profile root), a symlinked target is refused, and a folder that
// holds a symlink pointing outside the profile is refused as a whole; symlinks are never
// followed while sizing or removing.
//
// All or none: every target is first renamed aside within its own directory (atomic, and the
// browser no longer sees it). If one rename fails, the ones already moved are put back and
// nothing has changed. Only then are the renamed copies removed. Stores holding a database
// transaction stage the folders, commit, and unstage if the commit fails.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "deletion/site_store.h"

namespace cookiewarden {

class FolderRemoval {
 public:
  // With a journal, stage() moves each target into it (undo/deletion_journal.h) instead of aside
  // (copied there first, then moved aside, when the journal is on another file system).
  explicit FolderRemoval(std::filesystem::path profile_root, StoreJournal* journal = nullptr);
  ~FolderRemoval();  // puts staged targets back if neither finish() nor unstage() ran
  FolderRemoval(const FolderRemoval&) = delete;
  FolderRemoval& operator=(const FolderRemoval&) = delete;

  // Checks `item.path` and records it with its size in item.bytes. A target that does not exist
  // is ignored (returns true, nothing recorded). Refusals fill reason/message and return false.
  bool add(SiteItem item, SkipReason& reason, std::string& message);
  const std::vector<SiteItem>& items() const { return items_; }

  // Renames every target aside. On failure restores the ones moved and returns false.
  bool stage(SkipReason& reason, std::string& message);
  // Renames staged targets back to their names.
  void unstage();
  // Removes the staged copies. Returns the aside paths that could not be removed completely
  // (the browser no longer sees them; a person may delete them).
  std::vector<std::filesystem::path> finish();

 private:
  std::filesystem::path root_;  // canonical
  std::vector<SiteItem> items_;
  std::vector<std::filesystem::path> staged_;  // aside names, parallel to items_ while staged
  StoreJournal* journal_ = nullptr;
  std::vector<std::filesystem::path> in_journal_;  // staged paths that are journal slots: kept by finish()
};

// Bytes of regular files under `path` (or of the file itself), without following symlinks.
std::uint64_t size_on_disk(const std::filesystem::path& path);

}  // namespace cookiewarden
