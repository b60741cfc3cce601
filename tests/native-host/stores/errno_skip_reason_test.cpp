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

// std::filesystem on Windows reports most failures as Windows error numbers (std::system_category()):
// read as errno values, access denied (5) was EIO and a sharing violation (32) EPIPE, both io_error.
TEST_CASE("filesystem error to skip reason: Windows error numbers on Windows, errno values elsewhere") {
  using cookiewarden::skip_reason_for_error;
  auto windows_error = [](int number) { return std::error_code(number, std::system_category()); };
  CHECK(skip_reason_for_error(windows_error(2), Os::windows) == SkipReason::not_present);    // file not found
  CHECK(skip_reason_for_error(windows_error(3), Os::windows) == SkipReason::not_present);    // path not found
  CHECK(skip_reason_for_error(windows_error(5), Os::windows) == SkipReason::permission_denied);  // access denied
  CHECK(skip_reason_for_error(windows_error(32), Os::windows) == SkipReason::locked);        // sharing violation
  CHECK(skip_reason_for_error(windows_error(33), Os::windows) == SkipReason::locked);        // lock violation
  CHECK(skip_reason_for_error(windows_error(112), Os::windows) == SkipReason::io_error);     // disk full
  // The generic category holds an errno on every system, and the system category does off Windows.
  CHECK(skip_reason_for_error(std::error_code(EACCES, std::generic_category()), Os::windows) == SkipReason::permission_denied);
  CHECK(skip_reason_for_error(std::error_code(EIO, std::generic_category()), Os::windows) == SkipReason::io_error);
  CHECK(skip_reason_for_error(std::error_code(EBUSY, std::system_category()), Os::linux_) == SkipReason::locked);
  CHECK(skip_reason_for_error(std::error_code(EPERM, std::system_category()), Os::macos) == SkipReason::full_disk_access_needed);
}
