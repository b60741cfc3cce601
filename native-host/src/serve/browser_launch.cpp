#include "serve/browser_launch.h"

#if defined(_WIN32)
#include <windows.h>
#include <shellapi.h>
#else
#include <spawn.h>
#include <sys/wait.h>

#include <thread>

extern char** environ;
#endif

namespace cookiewarden::serve {

bool open_in_browser(const std::string& url) {
#if defined(_WIN32)
  // ShellExecute returns a value over 32 on success.
  return reinterpret_cast<INT_PTR>(ShellExecuteA(nullptr, "open", url.c_str(), nullptr, nullptr, SW_SHOWNORMAL)) > 32;
#else
#if defined(__APPLE__)
  const char* opener = "open";
#else
  const char* opener = "xdg-open";
#endif
  // No shell: the URL is one argument, whatever it holds.
  std::string program = opener;
  char* argv[] = {program.data(), const_cast<char*>(url.c_str()), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, opener, nullptr, nullptr, argv, environ) != 0) return false;
  // Without a desktop, xdg-open runs the browser itself and waits for it: reap it on the side.
  std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();
  return true;
#endif
}

}  // namespace cookiewarden::serve
