#include "stores/errno_skip_reason.h"

#include <cerrno>

#include <doctest/doctest.h>

using cookiewarden::Os;
using cookiewarden::skip_reason_for_errno;
using cookiewarden::SkipReason;

TEST_CASE("errno to skip reason: the same answer for every store") {
  for (Os os : {Os::linux_, Os::macos, Os::windows}) {
    CAPTURE(cookiewarden::os_name(os));
    CHECK(skip_reason_for_errno(ENOENT, os) == SkipReason::not_present);
    CHECK(skip_reason_for_errno(ELOOP, os) == SkipReason::unsafe_path);
    CHECK(skip_reason_for_errno(EACCES, os) == SkipReason::permission_denied);
    CHECK(skip_reason_for_errno(EROFS, os) == SkipReason::permission_denied);
    CHECK(skip_reason_for_errno(EBUSY, os) == SkipReason::locked);
    CHECK(skip_reason_for_errno(ENOSPC, os) == SkipReason::io_error);
    CHECK(skip_reason_for_errno(EIO, os) == SkipReason::io_error);
    CHECK(skip_reason_for_errno(0, os) == SkipReason::io_error);
  }
}

// The case the stores' own copies disagreed on: Firefox's session files called a macOS EPERM
// permission_denied while the SQLite, folder and Safari stores asked for Full Disk Access.
TEST_CASE("errno to skip reason: EPERM is Full Disk Access on macOS only") {
  CHECK(skip_reason_for_errno(EPERM, Os::macos) == SkipReason::full_disk_access_needed);
  CHECK(skip_reason_for_errno(EPERM, Os::linux_) == SkipReason::permission_denied);
  CHECK(skip_reason_for_errno(EPERM, Os::windows) == SkipReason::permission_denied);
#if defined(__APPLE__)
  CHECK(skip_reason_for_errno(EPERM) == SkipReason::full_disk_access_needed);
#else
  CHECK(skip_reason_for_errno(EPERM) == SkipReason::permission_denied);
#endif
}
