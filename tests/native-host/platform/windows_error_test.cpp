#include "platform/windows_error.h"

#include <cerrno>
#include <fstream>

#include <doctest/doctest.h>

#include "../support/store_fixtures.h"

#if defined(_WIN32)
#include <windows.h>
#endif

namespace fs = std::filesystem;
using namespace cookiewarden;

TEST_CASE("Windows error numbers read as errno values") {
  CHECK(errno_for_windows_error(2) == ENOENT);    // ERROR_FILE_NOT_FOUND
  CHECK(errno_for_windows_error(3) == ENOENT);    // ERROR_PATH_NOT_FOUND
  CHECK(errno_for_windows_error(5) == EACCES);    // ERROR_ACCESS_DENIED
  CHECK(errno_for_windows_error(19) == EACCES);   // ERROR_WRITE_PROTECT
  CHECK(errno_for_windows_error(32) == EBUSY);    // ERROR_SHARING_VIOLATION
  CHECK(errno_for_windows_error(33) == EBUSY);    // ERROR_LOCK_VIOLATION
  CHECK(errno_for_windows_error(17) == EXDEV);    // ERROR_NOT_SAME_DEVICE
  CHECK(errno_for_windows_error(112) == ENOSPC);  // ERROR_DISK_FULL
  CHECK(errno_for_windows_error(1) == EIO);       // ERROR_INVALID_FUNCTION: anything else
}

TEST_CASE("rename keeping the reason: renames, and a missing source is ENOENT") {
  test::TempDir dir;
  test::write_file(dir / "from", "x");
  std::error_code ec;
  rename_keeping_reason(dir / "from", dir / "to", ec);
  CHECK_FALSE(ec);
  CHECK(fs::exists(dir / "to"));
  rename_keeping_reason(dir / "from", dir / "elsewhere", ec);
  CHECK(ec == std::errc::no_such_file_or_directory);
}

#if defined(_WIN32)
// What libstdc++'s MinGW rename reported as EIO: a file another process opened without sharing.
TEST_CASE("rename keeping the reason: a file held open without sharing is EBUSY on Windows") {
  test::TempDir dir;
  test::write_file(dir / "held", "x");
  HANDLE held = CreateFileW((dir / "held").c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  REQUIRE(held != INVALID_HANDLE_VALUE);
  std::error_code ec;
  rename_keeping_reason(dir / "held", dir / "moved", ec);
  CloseHandle(held);
  CHECK(ec == std::errc::device_or_resource_busy);
  CHECK(fs::exists(dir / "held"));
}
#endif
