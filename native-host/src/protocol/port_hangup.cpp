#include "protocol/port_hangup.h"

#if defined(_WIN32)
#include <io.h>
#include <windows.h>
#else
#include <poll.h>
#include <sys/ioctl.h>
#endif

namespace cookiewarden::protocol {

bool port_hung_up(int fd, bool buffered) {
  if (buffered || fd < 0) return false;
#if defined(_WIN32)
  // An anonymous pipe whose writer is gone fails a peek with ERROR_BROKEN_PIPE once it is empty.
  DWORD available = 0;
  HANDLE handle = reinterpret_cast<HANDLE>(_get_osfhandle(fd));
  return !PeekNamedPipe(handle, nullptr, 0, nullptr, &available, nullptr) && GetLastError() == ERROR_BROKEN_PIPE;
#else
  // No events asked: poll reports only a hang-up (or an error), never data, and does not wait.
  pollfd port{fd, 0, 0};
  if (::poll(&port, 1, 0) != 1 || !(port.revents & POLLHUP)) return false;
  int unread = 0;
  return ::ioctl(fd, FIONREAD, &unread) == 0 && unread == 0;
#endif
}

}  // namespace cookiewarden::protocol
