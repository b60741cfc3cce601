#include "stores/folder_removal.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "platform/commit_gate.h"
#include "platform/process_liveness.h"
#include "platform/small_file.h"
#include "platform/windows_error.h"
#include "stores/errno_skip_reason.h"
#include "undo/deletion_journal.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

constexpr const char* kRemovalFolder = ".cookiewarden-removal";
constexpr const char* kIntentFile = "intent";

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

// A folder that was there when the removal listed it and is gone when it is moved is a failed
// removal, not a store that is absent: the site's other folders are put back, and not_present
// would let the deletion count the store as done.
SkipReason reason_for(const std::error_code& error) {
  SkipReason reason = skip_reason_for_error(error);
  return reason == SkipReason::not_present ? SkipReason::io_error : reason;
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

#if !defined(_WIN32)
bool sync_path(const fs::path& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}
#endif

// The intent reaches the disk before anything moves: a folder moved without it could not be
// rolled forward. Its folder and that folder's parent are synced so the names survive too.
bool write_intent(const fs::path& folder, const RemovalIntent& intent) {
  fs::path file = folder / kIntentFile;
  {
    std::ofstream out(file, std::ios::binary);
    out << intent.store << '\n' << intent.site << '\n';
    if (!out.flush()) return false;
  }
#if defined(_WIN32)
  return true;
#else
  return sync_path(file, O_RDONLY) && sync_path(folder, O_RDONLY | O_DIRECTORY) &&
         sync_path(folder.parent_path(), O_RDONLY | O_DIRECTORY);
#endif
}

RemovalIntent read_intent(const fs::path& folder) {
  auto text = read_small_file(folder / kIntentFile, 4096);
  if (!text) return {};
  std::size_t first = text->find('\n'), second = first == std::string::npos ? first : text->find('\n', first + 1);
  if (second == std::string::npos) return {};
  return {text->substr(0, first), text->substr(first + 1, second - first - 1)};
}

// A new removal folder, private to this user: "<pid>-<n>".
fs::path new_removal_folder(const fs::path& root, std::error_code& ec) {
  static std::atomic<unsigned> counter{0};
  fs::path parent = root / kRemovalFolder;
  fs::create_directory(parent, ec);
  if (ec) return {};
  fs::permissions(parent, fs::perms::owner_all, ec);
  if (ec) return {};
  for (;;) {
    fs::path folder = parent / (std::to_string(current_pid()) + "-" + std::to_string(counter++));
    if (fs::create_directory(folder, ec)) return folder;
    if (ec) return {};
  }
}

// The pid of the run that made a removal folder ("4242-0"), or 0.
long folder_pid(const std::string& name) {
  long pid = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
  return ec == std::errc() && end != name.data() + name.size() && *end == '-' ? pid : 0;
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

FolderRemoval::FolderRemoval(fs::path profile_root, RemovalIntent intent, StoreJournal* journal)
    : root_(canonical_or_empty(profile_root)), intent_(std::move(intent)), journal_(journal) {}

namespace {

// Journal first: the target moves into its journal slot (one rename: atomic, bytes untouched),
// or, across file systems, is copied there while it stays in place. Returns the path the target
// now has (the slot), or empty when it is still in place (copied, or failed: see `ec`).
fs::path move_into_journal(const fs::path& target, const fs::path& slot, std::error_code& ec) {
  rename_keeping_reason(target, slot, ec);
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
    reason = reason_for(std::error_code(error, std::generic_category()));
    message = "cannot remove entries of " + parent.string() + ": " + std::generic_category().message(error);
    return false;
  }
  item.bytes = size_on_disk(target);
  items_.push_back(std::move(item));
  return true;
}

bool FolderRemoval::stage(SkipReason& reason, std::string& message) {
  if (items_.empty()) return true;
  if (auto refusal = commit_refusal(items_.front().path.string())) {
    reason = SkipReason::locked;
    message = "nothing removed: " + *refusal;
    return false;
  }
  std::error_code ec;
  folder_ = new_removal_folder(root_, ec);
  if (folder_.empty() || !write_intent(folder_, intent_)) {
    reason = reason_for(ec ? ec : std::error_code(errno, std::generic_category()));
    message = "cannot prepare " + (root_ / kRemovalFolder).string() + ": " + (ec ? ec.message() : std::string(std::strerror(errno))) +
              "; nothing was removed";
    unstage();
    return false;
  }
  for (const SiteItem& item : items_) {
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
        continue;
      }
      if (ec) {
        reason = reason_for(ec);
        message = "cannot save " + item.path.string() + " in the undo journal: " + ec.message() + "; nothing was removed";
        unstage();
        return false;
      }
    }
    fs::path aside = folder_ / std::to_string(staged_.size());
    rename_keeping_reason(item.path, aside, ec);
    if (ec) {
      reason = reason_for(ec);
      message = "cannot move " + item.path.string() + " aside: " + ec.message() + "; nothing was removed";
      unstage();
      return false;
    }
    staged_.push_back(aside);
  }
  return true;
}

void FolderRemoval::unstage() {
  bool all_back = true;
  for (std::size_t i = staged_.size(); i-- > 0;) {
    std::error_code ec;
    fs::rename(staged_[i], items_[i].path, ec);
    all_back = all_back && !ec;
  }
  staged_.clear();
  // A folder that could not go back stays with its intent: the next run finishes that deletion
  // rather than losing track of the data.
  if (!folder_.empty() && all_back) discard_removal(folder_);
  folder_.clear();
}

std::vector<fs::path> FolderRemoval::finish() {
  std::vector<fs::path> leftovers;
  if (!folder_.empty() && !discard_removal(folder_)) leftovers.push_back(folder_);
  staged_.clear();
  folder_.clear();
  return leftovers;
}

std::vector<AbandonedRemoval> abandoned_removals(const fs::path& profile_root) {
  std::vector<AbandonedRemoval> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(profile_root / kRemovalFolder, ec)) {
    long pid = folder_pid(entry.path().filename().string());
    if (pid == current_pid() || !entry.is_directory() || entry.is_symlink()) continue;
    found.push_back({entry.path(), read_intent(entry.path())});
  }
  return found;
}

bool discard_removal(const fs::path& folder) {
  std::error_code ec;
  fs::remove_all(folder, ec);
  if (ec || fs::exists(fs::symlink_status(folder, ec))) return false;
  fs::remove(folder.parent_path(), ec);  // the last one takes .cookiewarden-removal with it; else it stays
  return true;
}

}  // namespace cookiewarden
