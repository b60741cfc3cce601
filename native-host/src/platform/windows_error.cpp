#include "platform/windows_error.h"

#include <cerrno>

#if defined(_WIN32)
#include <windows.h>
#endif

namespace cookiewarden {

namespace {

// winerror.h's numbers, spelled here so that the table builds on every system; the Windows build
// checks them against the header.
constexpr unsigned long kFileNotFound = 2;
constexpr unsigned long kPathNotFound = 3;
constexpr unsigned long kAccessDenied = 5;
constexpr unsigned long kNotSameDevice = 17;
constexpr unsigned long kWriteProtect = 19;
constexpr unsigned long kSharingViolation = 32;
constexpr unsigned long kLockViolation = 33;
constexpr unsigned long kDiskFull = 112;
#if defined(_WIN32)
static_assert(kFileNotFound == ERROR_FILE_NOT_FOUND && kPathNotFound == ERROR_PATH_NOT_FOUND &&
              kAccessDenied == ERROR_ACCESS_DENIED && kNotSameDevice == ERROR_NOT_SAME_DEVICE &&
              kWriteProtect == ERROR_WRITE_PROTECT && kSharingViolation == ERROR_SHARING_VIOLATION &&
              kLockViolation == ERROR_LOCK_VIOLATION && kDiskFull == ERROR_DISK_FULL);
#endif

}  // namespace

int errno_for_windows_error(unsigned long error) {
  switch (error) {
    case kFileNotFound:
    case kPathNotFound: return ENOENT;
    case kAccessDenied:
    case kWriteProtect: return EACCES;
    case kSharingViolation:
    case kLockViolation: return EBUSY;
    case kNotSameDevice: return EXDEV;
    case kDiskFull: return ENOSPC;
    default: return EIO;
  }
}

void rename_keeping_reason(const std::filesystem::path& from, const std::filesystem::path& to, std::error_code& ec) {
#if defined(_WIN32)
  // No MOVEFILE_COPY_ALLOWED: a move is a rename or fails with EXDEV, never a copy half done.
  if (MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING)) {
    ec.clear();
  } else {
    ec.assign(errno_for_windows_error(GetLastError()), std::generic_category());
  }
#else
  std::filesystem::rename(from, to, ec);
#endif
}

}  // namespace cookiewarden
