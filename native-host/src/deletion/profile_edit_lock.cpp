#include "deletion/profile_edit_lock.h"

#include <cerrno>
#include <cstring>

#if !defined(_WIN32)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace cookiewarden {

ProfileEditLock::ProfileEditLock(const BrowserProfile& profile) {
#if !defined(_WIN32)
  if (profile.family != BrowserFamily::firefox) return;
  // Never create the file: a profile without one has never been opened by Firefox.
  fd_ = ::open((profile.path / ".parentlock").c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  if (fd_ < 0) return;
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
#if defined(F_OFD_SETLK)
  // Open-file-description locks: closing some other descriptor of the file (running detection
  // opens and closes one) does not drop this lock, unlike a classic process-wide fcntl lock.
  int rc = ::fcntl(fd_, F_OFD_SETLK, &lock);
#else
  int rc = ::fcntl(fd_, F_SETLK, &lock);
#endif
  if (rc != 0) {
    held_ = false;
    detail_ = "running: .parentlock is locked by another process (" + std::string(std::strerror(errno)) + ")";
  }
#else
  (void)profile;
#endif
}

ProfileEditLock::~ProfileEditLock() {
#if !defined(_WIN32)
  if (fd_ >= 0) ::close(fd_);
#endif
}

}  // namespace cookiewarden
