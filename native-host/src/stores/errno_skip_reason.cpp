#include "stores/errno_skip_reason.h"

#include <cerrno>

#include "platform/windows_error.h"

namespace cookiewarden {

SkipReason skip_reason_for_errno(int error, Os os) {
  switch (error) {
    case ENOENT: return SkipReason::not_present;
    case ELOOP: return SkipReason::unsafe_path;
    case EACCES:
    case EROFS: return SkipReason::permission_denied;
    case EPERM: return os == Os::macos ? SkipReason::full_disk_access_needed : SkipReason::permission_denied;
    case EBUSY: return SkipReason::locked;
    default: return SkipReason::io_error;
  }
}

SkipReason skip_reason_for_error(const std::error_code& error, Os os) {
  bool windows_number = os == Os::windows && error.category() == std::system_category();
  return skip_reason_for_errno(windows_number ? errno_for_windows_error(error.value()) : error.value(), os);
}

}  // namespace cookiewarden
