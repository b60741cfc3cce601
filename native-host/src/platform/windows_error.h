// The errno a Windows system error stands for: what GetLastError() returns, and what
// std::filesystem puts in a std::error_code of std::system_category() on Windows (libstdc++ reports
// most MinGW failures that way). One table, so that every store reads a Windows failure through the
// same errno reading (stores/errno_skip_reason.h) as on the other systems.
#pragma once

#include <filesystem>
#include <system_error>

namespace cookiewarden {

// File or path not found: ENOENT. Access denied, write-protected: EACCES. Sharing or lock
// violation (another process holds the file): EBUSY. Not the same device: EXDEV. Disk full:
// ENOSPC. Anything else: EIO. Built on every system, so that the table is tested anywhere.
int errno_for_windows_error(unsigned long error);

// std::filesystem::rename, except that on Windows a failure keeps its reason: libstdc++'s MinGW
// rename reports every failure but access denied as EIO, so a file another process holds open
// would read as an I/O error instead of locked. `ec` is of the generic category (an errno).
void rename_keeping_reason(const std::filesystem::path& from, const std::filesystem::path& to, std::error_code& ec);

}  // namespace cookiewarden
