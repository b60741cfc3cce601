#include "stores/errno_skip_reason.h"

#include <cerrno>

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

}  // namespace cookiewarden
