// The one reading of a failed system call's errno as the reason a store is skipped. Every store
// that reads or replaces files itself (SQLite databases, folder removal, Safari's cookie jar,
// Firefox's session files) takes its reason from here, so the same failure is reported the same
// way whichever store met it.
#pragma once

#include <system_error>

#include "deletion/site_store.h"
#include "platform/environment.h"

namespace cookiewarden {

// ENOENT: not_present. ELOOP: unsafe_path (O_NOFOLLOW met a symlink). EACCES and EROFS:
// permission_denied. EPERM: full_disk_access_needed on macOS, where it is what TCC answers for a
// protected container (a plain permission problem there is EACCES), else permission_denied.
// EBUSY: locked (another process holds the file; on Windows a sharing or lock violation).
// Anything else (ENOSPC, EIO, ...): io_error. `os` is a parameter so that every platform's
// answer can be tested on any machine.
SkipReason skip_reason_for_errno(int error, Os os = running_os());

// A std::filesystem failure: its value is an errno, except on Windows where std::system_category()
// holds a Windows error number (read through platform/windows_error.h).
SkipReason skip_reason_for_error(const std::error_code& error, Os os = running_os());

}  // namespace cookiewarden
