#include "deletion/profile_edit_lock.h"

#include <cerrno>
#include <cstring>
#include <system_error>

#include "browsers/running_detection.h"
#include "platform/host_name.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace cookiewarden {
namespace fs = std::filesystem;

fs::path edit_lock_scope(const BrowserProfile& profile) {
  return profile.family == BrowserFamily::chromium ? profile.user_data_dir : profile.path;
}

#if defined(_WIN32)

namespace {

// The file each browser holds open without sharing while it runs.
fs::path lock_file(const BrowserProfile& profile) {
  switch (profile.family) {
    case BrowserFamily::chromium: return profile.user_data_dir / "lockfile";
    case BrowserFamily::firefox: return profile.path / "parent.lock";
    case BrowserFamily::safari:
    case BrowserFamily::webkit: break;
  }
  return {};
}

}  // namespace

ProfileEditLock::ProfileEditLock(const BrowserProfile& profile) {
  fs::path file = lock_file(profile);
  if (file.empty()) return;
  // Created and deleted on close as the browsers do; share mode 0 makes a browser that starts now
  // fail to open it and report the profile in use.
  HANDLE h = CreateFileW(file.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_ALWAYS,
                         FILE_ATTRIBUTE_NORMAL | FILE_FLAG_DELETE_ON_CLOSE, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    DWORD error = GetLastError();
    held_ = false;
    detail_ = error == ERROR_SHARING_VIOLATION ? "running: " + file.filename().string() + " is held open"
                                               : "cannot take " + file.string() + " (Windows error " +
                                                     std::to_string(error) + ")";
    return;
  }
  handle_ = h;
}

ProfileEditLock::~ProfileEditLock() {
  if (handle_) CloseHandle(static_cast<HANDLE>(handle_));
}

// Nobody can take a file we hold open without sharing.
std::optional<std::string> ProfileEditLock::lost() const { return std::nullopt; }

#else

namespace {

// 0 with the lock taken, else the errno of the failure.
int lock_parentlock(int fd) {
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
#if defined(F_OFD_SETLK)
  // Open-file-description locks: closing some other descriptor of the file (running detection
  // opens and closes one) does not drop this lock, unlike a classic process-wide fcntl lock.
  return ::fcntl(fd, F_OFD_SETLK, &lock) == 0 ? 0 : errno;
#else
  return ::fcntl(fd, F_SETLK, &lock) == 0 ? 0 : errno;
#endif
}

std::string link_target(const fs::path& link) {
  std::error_code ec;
  std::string target = fs::read_symlink(link, ec).string();
  return ec ? std::string() : target;
}

}  // namespace

ProfileEditLock::ProfileEditLock(const BrowserProfile& profile) {
  if (profile.family == BrowserFamily::firefox) {
    // Never create the file: a profile without one has never been opened by Firefox.
    fd_ = ::open((profile.path / ".parentlock").c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd_ < 0) return;
    if (int error = lock_parentlock(fd_); error != 0) {
      held_ = false;
      detail_ = "running: .parentlock is locked by another process (" + std::string(std::strerror(error)) + ")";
    }
    return;
  }
  if (profile.family != BrowserFamily::chromium) return;
  fs::path lock = profile.user_data_dir / "SingletonLock";
  std::string target = this_host_name() + std::string(kEditLockHostSuffix) + "-" + std::to_string(::getpid());
  // Chromium's own sequence: create the symlink; if one exists and its process is gone, remove
  // it and try once more.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (::symlink(target.c_str(), lock.c_str()) == 0) {
      singleton_lock_ = lock;
      singleton_target_ = target;
      return;
    }
    if (errno == EACCES || errno == EPERM || errno == EROFS) {
      // Not ours to write: the stores of such a profile are reported one by one (permission
      // denied), as for Firefox's .parentlock that cannot be opened for writing.
      detail_ = "cannot create " + lock.string() + ": " + std::strerror(errno);
      return;
    }
    if (errno != EEXIST) {
      held_ = false;
      detail_ = "cannot create " + lock.string() + ": " + std::strerror(errno);
      return;
    }
    RunningState state = detect_running(profile);
    if (state.running) {
      held_ = false;
      detail_ = state.detail;
      return;
    }
    ::unlink(lock.c_str());
  }
  held_ = false;
  detail_ = "another process keeps creating " + lock.string() + " (is the browser starting?)";
}

ProfileEditLock::~ProfileEditLock() {
  if (fd_ >= 0) ::close(fd_);
  // Only our own lock: a browser that took the profile meanwhile keeps its lock.
  if (!singleton_lock_.empty() && link_target(singleton_lock_) == singleton_target_) ::unlink(singleton_lock_.c_str());
}

std::optional<std::string> ProfileEditLock::lost() const {
  // An fcntl lock cannot be taken from its holder; a symlink can be removed (Chromium's "Unlock
  // profile" does) and replaced by the browser's own.
  if (singleton_lock_.empty()) return std::nullopt;
  std::string now = link_target(singleton_lock_);
  if (now == singleton_target_) return std::nullopt;
  return "the browser took the profile during the deletion (SingletonLock now " +
         (now.empty() ? std::string("gone") : "-> '" + now + "'") + ")";
}

#endif

}  // namespace cookiewarden
