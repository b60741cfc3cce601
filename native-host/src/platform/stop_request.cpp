#include "platform/stop_request.h"

#include <atomic>
#include <csignal>

#if !defined(_WIN32)
#include <signal.h>
#endif

namespace cookiewarden {
namespace {

// Lock-free, so the signal handler may set it.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

const StopProbe* g_probe = nullptr;

#if !defined(_WIN32)
void on_stop_signal(int) { g_stop.store(true); }
#endif

}  // namespace

void install_stop_handlers() {
#if defined(_WIN32)
  // Windows: Ctrl-C arrives as SIGINT through the C runtime; the browser ends a host with
  // TerminateProcess, which nothing can catch (the next run's recovery covers that).
  std::signal(SIGINT, [](int) { g_stop.store(true); });
#else
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // SA_RESETHAND: the second signal takes the default action. SA_RESTART: the store being
  // committed must not see EINTR from a system call the signal interrupted.
  action.sa_flags = SA_RESETHAND | SA_RESTART;
  for (int number : {SIGTERM, SIGINT, SIGHUP}) sigaction(number, &action, nullptr);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, nullptr);
#endif
}

void request_stop() { g_stop.store(true); }

bool stop_requested() {
  if (!g_stop.load() && g_probe && g_probe->closed_()) g_stop.store(true);
  return g_stop.load();
}

StopProbe::StopProbe(std::function<bool()> closed) : closed_(std::move(closed)) { g_probe = this; }

StopProbe::~StopProbe() { g_probe = nullptr; }

}  // namespace cookiewarden
