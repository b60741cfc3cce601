// Whether a process id names a live process: how a leftover of a killed run (a lock, a scratch
// folder, a temporary file, all named with their run's pid) is told from one in use.
#pragma once

namespace cookiewarden {

// This process's id.
long current_pid();

// True when `pid` exists, also when it belongs to another user. A pid is reused in time, so a
// leftover whose pid came back alive is only removed later; never the other way round.
bool process_alive(long pid);

}  // namespace cookiewarden
