#include "stores/folder_removal.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "undo/deletion_journal.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

// Component-wise: "/a/bc" is not inside "/a/b".
bool is_inside(const fs::path& path, const fs::path& root) {
  auto p = path.begin(), r = root.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator on the root
    if (p == path.end() || *p != *r) return false;
  }
  return p != path.end();
}

fs::path canonical_or_empty(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::canonical(path, ec);
  return ec ? fs::path() : out;
}

// A symlink inside `dir` whose target resolves outside `root`, if any.
fs::path symlink_leaving(const fs::path& dir, const fs::path& root) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::none, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_symlink(ec)) continue;
    fs::path target = fs::read_symlink(it->path(), ec);
    fs::path resolved = fs::weakly_canonical(target.is_absolute() ? target : it->path().parent_path() / target, ec);
    if (ec || !is_inside(resolved, root)) return it->path();
  }
  return {};
}

SkipReason reason_for_errno(int error) {
  if (error == EACCES) return SkipReason::permission_denied;
#ifdef __APPLE__
  if (error == EPERM) return SkipReason::full_disk_access_needed;
#else
  if (error == EPERM) return SkipReason::permission_denied;
#endif
  return SkipReason::io_error;
}

// 0, or the errno why entries of `dir` cannot be removed. POSIX needs write and search permission
// on the folder; checking first means a refusal moves nothing. Windows decides per file when
// stage() renames, which puts back whatever it moved if one rename fails.
int entries_removable(const fs::path& dir) {
#if defined(_WIN32)
  (void)dir;
  return 0;
#else
  return ::access(dir.c_str(), W_OK | X_OK) == 0 ? 0 : errno;
#endif
}

}  // namespace

std::uint64_t size_on_disk(const fs::path& path) {
  std::error_code ec;
  auto status = fs::symlink_status(path, ec);
  if (fs::is_regular_file(status)) return fs::file_size(path, ec);
  if (!fs::is_directory(status)) return 0;
  std::uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::none, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec) && !it->is_symlink(size_ec)) {
      auto size = it->file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

FolderRemoval::FolderRemoval(fs::path profile_root, StoreJournal* journal)
    : root_(canonical_or_empty(profile_root)), journal_(journal) {}

namespace {

// Journal first: the target moves into its journal slot (one rename: atomic, bytes untouched),
// or, across file systems, is copied there while it stays in place. Returns the path the target
// now has (the slot), or empty when it is still in place (copied, or failed: see `ec`).
fs::path move_into_journal(const fs::path& target, const fs::path& slot, std::error_code& ec) {
  fs::rename(target, slot, ec);
  if (!ec) return slot;
  if (ec != std::errc::cross_device_link) return {};
  ec.clear();
  fs::copy(target, slot, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove_all(slot, ignored);
  }
  return {};
}

}  // namespace

FolderRemoval::~FolderRemoval() { unstage(); }

bool FolderRemoval::add(SiteItem item, SkipReason& reason, std::string& message) {
  std::error_code ec;
  const fs::path& target = item.path;
  auto status = fs::symlink_status(target, ec);
  if (!fs::exists(status)) return true;
  if (root_.empty()) {
    reason = SkipReason::io_error;
    message = "the profile folder cannot be resolved";
    return false;
  }
  if (fs::is_symlink(status)) {
    reason = SkipReason::unsafe_path;
    message = target.string() + " is a symlink; not followed";
    return false;
  }
  fs::path parent = canonical_or_empty(target.parent_path());
  if (parent.empty() || !is_inside(parent / target.filename(), root_)) {
    reason = SkipReason::unsafe_path;
    message = target.string() + " is outside the profile folder " + root_.string();
    return false;
  }
  if (fs::is_directory(status)) {
    if (fs::path link = symlink_leaving(target, root_); !link.empty()) {
      reason = SkipReason::unsafe_path;
      message = link.string() + " points outside the profile folder; " + target.string() + " left untouched";
      return false;
    }
  }
  if (int error = entries_removable(parent); error != 0) {
    reason = reason_for_errno(error);
    message = "cannot remove entries of " + parent.string() + ": " + std::generic_category().message(error);
    return false;
  }
  item.bytes = size_on_disk(target);
  items_.push_back(std::move(item));
  return true;
}

bool FolderRemoval::stage(SkipReason& reason, std::string& message) {
  for (const SiteItem& item : items_) {
    fs::path aside = item.path;
    aside += ".cookiewarden-deleting-" + std::to_string(::getpid());
    std::error_code ec;
    if (journal_) {
      fs::path slot = journal_->folder_slot(item.path, message);
      if (slot.empty()) {
        reason = SkipReason::io_error;
        message += "; nothing was removed";
        unstage();
        return false;
      }
      if (fs::path moved = move_into_journal(item.path, slot, ec); !moved.empty()) {
        staged_.push_back(moved);
        in_journal_.push_back(moved);
        continue;
      }
      if (ec) {
        reason = SkipReason::io_error;
        message = "cannot save " + item.path.string() + " in the undo journal: " + ec.message() + "; nothing was removed";
        unstage();
        return false;
      }
    }
    fs::rename(item.path, aside, ec);
    if (ec) {
      reason = reason_for_errno(ec.value());
      message = "cannot move " + item.path.string() + " aside: " + ec.message() + "; nothing was removed";
      unstage();
      return false;
    }
    staged_.push_back(aside);
  }
  return true;
}

void FolderRemoval::unstage() {
  for (std::size_t i = staged_.size(); i-- > 0;) {
    std::error_code ec;
    fs::rename(staged_[i], items_[i].path, ec);
  }
  staged_.clear();
  in_journal_.clear();
}

std::vector<fs::path> FolderRemoval::finish() {
  std::vector<fs::path> leftovers;
  for (const fs::path& aside : staged_) {
    if (std::find(in_journal_.begin(), in_journal_.end(), aside) != in_journal_.end()) continue;
    std::error_code ec;
    fs::remove_all(aside, ec);
    if (ec || fs::exists(fs::symlink_status(aside, ec))) leftovers.push_back(aside);
  }
  staged_.clear();
  in_journal_.clear();
  return leftovers;
}

}  // namespace cookiewarden
