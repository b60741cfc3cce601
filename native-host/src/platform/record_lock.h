// Asking whether another process holds a POSIX record lock on a file (fcntl F_GETLK), never
// taking one: how Flatpak's instance references and LevelDB's LOCK say "in use".
#pragma once

#include <filesystem>

namespace cookiewarden {

// True when some process holds a write-conflicting lock on `file`. False when it has none, or the
// file cannot be opened (missing, a symlink: never followed); always false on Windows, whose
// locks are probed by opening or locking the file instead.
bool record_lock_held(const std::filesystem::path& file);

}  // namespace cookiewarden
