#include "browsers/running_detection.h"

#include "browsers/flatpak_instances.h"
#include "browsers/gnome_web_running.h"
#include "platform/host_name.h"
#include "platform/process_liveness.h"

#include <charconv>
#include <optional>
#include <vector>
#include <string_view>

#if defined(_WIN32)
#include <windows.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif
#if defined(__APPLE__)
#include <libproc.h>
#endif

namespace cookiewarden {
namespace {

namespace fs = std::filesystem;

#if !defined(_WIN32)

long parse_pid(std::string_view text) {
  long pid = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), pid);
  return ec == std::errc() && end == text.data() + text.size() ? pid : -1;
}

// The lock cookiewarden itself holds while it edits ("<host>.cookiewarden-<pid>"): running while
// that cookiewarden is, so two never edit one profile at once; stale once it is gone.
RunningState own_edit_lock(const std::string& host, long pid) {
  std::string real_host = host.substr(0, host.size() - kEditLockHostSuffix.size());
  if (real_host != this_host_name())
    return {true, "cookiewarden on host '" + real_host + "' (pid " + std::to_string(pid) + ") is editing this profile"};
  if (process_alive(pid)) return {true, "cookiewarden (pid " + std::to_string(pid) + ") is editing this profile"};
  return {false, "stale cookiewarden SingletonLock (pid " + std::to_string(pid) + " is gone)"};
}

// Chromium's SingletonLock is a dangling symlink whose target is "<hostname>-<pid>"; the
// hostname may itself contain '-', the pid never does. A Flatpak Chromium writes a pid of its own
// PID namespace, which says nothing here: Flatpak's instance records decide instead.
RunningState chromium_singleton_lock(const fs::path& user_data_dir) {
  fs::path lock = user_data_dir / "SingletonLock";
  std::error_code ec;
  auto status = fs::symlink_status(lock, ec);
  if (ec || !fs::exists(status)) return {false, "no SingletonLock"};
  if (!fs::is_symlink(status)) return {true, "SingletonLock is not a symlink; assuming the browser runs"};
  std::string target = fs::read_symlink(lock, ec).string();
  std::size_t dash = target.rfind('-');
  long pid = dash == std::string::npos ? -1 : parse_pid(std::string_view(target).substr(dash + 1));
  if (ec || pid <= 0) return {true, "SingletonLock -> '" + target + "' is unreadable; assuming the browser runs"};
  std::string host = target.substr(0, dash);
  if (host.ends_with(kEditLockHostSuffix)) return own_edit_lock(host, pid);
  if (auto app = flatpak_app_of(user_data_dir)) {
    std::string detail;
    bool running = flatpak_app_running(*app, flatpak_runtime_dir(), detail);
    return {running, running ? detail : "stale SingletonLock (" + detail + ")"};
  }
  if (host != this_host_name())
    return {true, "SingletonLock is held by host '" + host + "' (pid " + std::to_string(pid) +
                      "); cannot check another machine, assuming it runs"};
  if (process_alive(pid)) return {true, "running: SingletonLock pid " + std::to_string(pid) + " is alive"};
  return {false, "stale SingletonLock (pid " + std::to_string(pid) + " is gone)"};
}

// Firefox holds a POSIX write lock on .parentlock while it runs. F_GETLK asks who holds it
// without taking it (taking it would stop Firefox from starting, and closing our descriptor
// would release any lock this process holds on the file — callers that lock it themselves
// should use open-file-description locks).
std::optional<RunningState> firefox_parentlock(const fs::path& profile) {
  fs::path lock = profile / ".parentlock";
  int fd = open(lock.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct flock query = {};
  query.l_type = F_WRLCK;
  query.l_whence = SEEK_SET;
  int rc = fcntl(fd, F_GETLK, &query);
  close(fd);
  if (rc != 0) return std::nullopt;
  if (query.l_type == F_UNLCK) return RunningState{false, "no process holds .parentlock"};
  return RunningState{true, "running: .parentlock is locked by pid " + std::to_string(query.l_pid)};
}

// The `lock` symlink ("<ip>:+<pid>") survives a clean exit, so it is only a hint: a dead pid
// means not running.
RunningState firefox_lock_symlink(const fs::path& profile) {
  std::error_code ec;
  std::string target = fs::read_symlink(profile / "lock", ec).string();
  if (ec) return {false, "no .parentlock or lock symlink"};
  std::size_t plus = target.rfind('+');
  long pid = plus == std::string::npos ? -1 : parse_pid(std::string_view(target).substr(plus + 1));
  if (pid <= 0) return {true, "lock -> '" + target + "' is unreadable; assuming Firefox runs"};
  if (process_alive(pid)) return {true, "running: lock symlink pid " + std::to_string(pid) + " is alive"};
  return {false, "lock symlink names pid " + std::to_string(pid) + ", which is gone"};
}

#else

// Windows: Chromium's `lockfile` and Firefox's `parent.lock` are held open without sharing
// while the browser runs; opening them with no sharing fails with a sharing violation. Only a
// missing file means "not running": any other failure (access denied, a network error) leaves
// the question open, so it counts as running.
RunningState exclusive_lock_file(const fs::path& file, const char* what) {
  HANDLE h = CreateFileW(file.c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h != INVALID_HANDLE_VALUE) {
    CloseHandle(h);
    return {false, std::string(what) + " is not held"};
  }
  DWORD error = GetLastError();
  if (error == ERROR_SHARING_VIOLATION) return {true, std::string("running: ") + what + " is held open"};
  if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND) return {false, std::string("no ") + what};
  return {true, std::string("cannot open ") + what + " (Windows error " + std::to_string(error) +
                    "); assuming the browser runs"};
}

#endif

RunningState safari_process() {
#if defined(__APPLE__)
  int count = proc_listallpids(nullptr, 0);
  std::vector<pid_t> pids(static_cast<std::size_t>(count > 0 ? count * 2 : 0));
  count = proc_listallpids(pids.data(), static_cast<int>(pids.size() * sizeof(pid_t)));
  for (int i = 0; i < count; ++i) {
    char name[2 * MAXCOMLEN + 1] = {};
    if (proc_name(pids[static_cast<std::size_t>(i)], name, sizeof name) > 0 && std::string_view(name) == "Safari")
      return {true, "running: Safari is pid " + std::to_string(pids[static_cast<std::size_t>(i)])};
  }
  return {false, "no Safari process"};
#else
  return {false, "Safari does not run on this OS"};
#endif
}

}  // namespace

RunningState detect_running(const BrowserProfile& profile) {
  switch (profile.family) {
    case BrowserFamily::chromium:
#if defined(_WIN32)
      return exclusive_lock_file(profile.user_data_dir / "lockfile", "lockfile");
#else
      return chromium_singleton_lock(profile.user_data_dir);
#endif
    case BrowserFamily::firefox:
#if defined(_WIN32)
      return exclusive_lock_file(profile.path / "parent.lock", "parent.lock");
#else
      if (auto state = firefox_parentlock(profile.path)) return *state;
      return firefox_lock_symlink(profile.path);
#endif
    case BrowserFamily::safari: return safari_process();
    case BrowserFamily::webkit:
#if defined(__linux__)
      return gnome_web_running(profile.path);
#else
      return {false, "GNOME Web does not run on this OS"};
#endif
  }
  return {true, "unknown browser family; assuming it runs"};
}

}  // namespace cookiewarden
