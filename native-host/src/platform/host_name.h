// This machine's host name: Chromium writes it into its SingletonLock ("<host>-<pid>"), and so does
// cookiewarden's own edit lock, so that a lock from another machine (a profile on a network share) is
// never taken for a stale one of this machine. POSIX only: Windows locks are open files instead.
#pragma once

#if !defined(_WIN32)

#include <string>

namespace cookiewarden {

// Empty when the system cannot tell.
std::string this_host_name();

}  // namespace cookiewarden

#endif
