// Stopping cleanly when asked to: SIGTERM (the browser ending the native host when its port
// closes), SIGINT (Ctrl-C), SIGHUP (the terminal went away), or a port found closed (a failed
// write, or a probe that sees the browser hang up while a command runs). Whatever is
// being committed finishes (each store's edit is all or nothing); the deletion loop asks
// stop_requested() between stores and profiles and does not start another.
//
// A second signal of the same kind ends the process the default way: a person pressing Ctrl-C
// twice means it.
#pragma once

#include <functional>

namespace cookiewarden {

// Installs the handlers (SIGTERM, SIGINT, SIGHUP) and ignores SIGPIPE, so a write to a closed
// port fails with EPIPE instead of killing the process mid-edit. Idempotent.
void install_stop_handlers();

// A closed port found by a failed write or read (not a signal).
void request_stop();

bool stop_requested();

// A question stop_requested() also asks while the probe exists: has the port closed? Asked on the
// thread that asks stop_requested(), between stores, so a hang-up seen there stops the deletion at
// the same place a signal would. One probe at a time.
class StopProbe {
 public:
  explicit StopProbe(std::function<bool()> closed);
  ~StopProbe();
  StopProbe(const StopProbe&) = delete;
  StopProbe& operator=(const StopProbe&) = delete;

 private:
  friend bool stop_requested();
  std::function<bool()> closed_;
};

}  // namespace cookiewarden
