#include "stores/chromium_leveldb.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

namespace cookiewarden {
namespace fs = std::filesystem;

void skip_store(StoreOutcome& outcome, SkipReason reason, std::string message) {
  outcome.skipped = reason;
  outcome.message = std::move(message);
  outcome.items.clear();
}

SkipReason leveldb_skip_reason(const leveldb::Status& status) {
  std::string text = status.ToString();
  if (status.IsNotFound()) return SkipReason::not_present;
  if (status.IsCorruption()) return SkipReason::corrupt;
  if (text.find("/LOCK") != std::string::npos || text.find("lock ") != std::string::npos) return SkipReason::locked;
  if (text.find("Permission denied") != std::string::npos) return SkipReason::permission_denied;
  return SkipReason::io_error;
}

bool leveldb_dir_usable(const fs::path& dir, std::string_view what, StoreOutcome& outcome) {
  std::error_code ec;
  auto status = fs::symlink_status(dir, ec);
  if (!fs::exists(status)) {
    skip_store(outcome, SkipReason::not_present, "no " + std::string(what) + " database at " + dir.string());
    return false;
  }
  if (fs::is_symlink(status) || !fs::is_directory(status)) {
    skip_store(outcome, SkipReason::unsafe_path, dir.string() + " is a symlink or not a directory; not followed");
    return false;
  }
  return true;
}

bool leveldb_lock_is_held(const fs::path& dir) {
  int fd = ::open((dir / "LOCK").c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

std::unique_ptr<leveldb::DB> open_leveldb(const fs::path& dir, leveldb::Status& status) {
  leveldb::Options options;
  options.create_if_missing = false;
  options.paranoid_checks = true;
  leveldb::DB* db = nullptr;
  status = leveldb::DB::Open(options, dir.string(), &db);
  return std::unique_ptr<leveldb::DB>(status.ok() ? db : nullptr);
}

LevelDbReadCopy::LevelDbReadCopy(const fs::path& source) {
  std::string tmpl = (fs::temp_directory_path() / "cookiewarden-ldb-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return;
  path_ = tmpl;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(source, ec)) {
    if (entry.path().filename() == "LOCK" || !entry.is_regular_file() || entry.is_symlink()) continue;
    if (!fs::copy_file(entry.path(), path_ / entry.path().filename(), ec)) {
      error_ = "cannot copy " + entry.path().string() + ": " + ec.message();
      return;
    }
  }
  if (ec) error_ = "cannot list " + source.string() + ": " + ec.message();
}

LevelDbReadCopy::~LevelDbReadCopy() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

PrivateUmask::PrivateUmask() : previous_(::umask(077)) {}
PrivateUmask::~PrivateUmask() { ::umask(previous_); }

}  // namespace cookiewarden
