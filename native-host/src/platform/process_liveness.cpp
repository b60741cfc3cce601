#include "platform/process_liveness.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <cerrno>
#include <signal.h>
#include <unistd.h>
#endif

namespace cookiewarden {

#if defined(_WIN32)

long current_pid() { return static_cast<long>(GetCurrentProcessId()); }

bool process_alive(long pid) {
  if (pid <= 0) return false;
  HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, static_cast<DWORD>(pid));
  if (!h) return GetLastError() == ERROR_ACCESS_DENIED;  // exists, but not ours to open
  bool alive = WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
  CloseHandle(h);
  return alive;
}

#else

long current_pid() { return static_cast<long>(::getpid()); }

// EPERM means the pid exists but belongs to someone else: still alive.
bool process_alive(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

#endif

}  // namespace cookiewarden
