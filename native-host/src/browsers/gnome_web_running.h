// Is GNOME Web running? It keeps no lock file in its profile, so the processes decide (Linux /proc):
//   - a process named "epiphany" (the Debian and Flatpak binary; "epiphany-browse" is the
//     kernel's 15-character cut of the Debian alias "epiphany-browser"), or
//   - any process of ours holding a file open inside the profile folder: WebKit's network process
//     keeps cookies.sqlite and the storage databases open for as long as the browser (or any other
//     WebKitGTK program pointed at that folder) runs.
// Names are read for every user's processes (another user's GNOME Web also counts: a false
// "running" only delays a deletion); open files only for this user's, as GNOME Web runs as the
// user whose data it is.
#pragma once

#include <filesystem>

#include "browsers/running_detection.h"

namespace cookiewarden {

// `proc` is the /proc mount (a parameter so that tests can point it at a folder they build).
RunningState gnome_web_running(const std::filesystem::path& profile, const std::filesystem::path& proc = "/proc");

}  // namespace cookiewarden
