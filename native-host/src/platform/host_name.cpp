#include "platform/host_name.h"

#if !defined(_WIN32)

#include <unistd.h>

namespace cookiewarden {

std::string this_host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return {};
  return name;
}

}  // namespace cookiewarden

#endif
