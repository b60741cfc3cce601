#include "platform/record_lock.h"

#if !defined(_WIN32)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace cookiewarden {

bool record_lock_held(const std::filesystem::path& file) {
#if defined(_WIN32)
  (void)file;
  return false;
#else
  // O_NONBLOCK: a FIFO planted under the name must not hang the probe.
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return false;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return held;
#endif
}

}  // namespace cookiewarden
