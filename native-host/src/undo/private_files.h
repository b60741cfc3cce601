// The undo journal holds what a deletion removed: cookie values (secrets that sign people in),
// storage and whole site folders. It stays with this user: every folder it makes is 0700 and
// every file 0600, whatever the umask; a symlinked or foreign-owned journal folder is refused
// instead of written into. (Windows: files inherit %LOCALAPPDATA%'s per-user ACL.)
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace cookiewarden {

// Creates `dir` and any missing parents 0700 (existing parents are left as they are). An existing
// `dir` must be a real folder owned by this user; its mode is tightened to 0700. False, with
// `error` naming the folder, otherwise.
bool make_private_folder(const std::filesystem::path& dir, std::string& error);

// Writes `bytes` to `file` (mode 0600) through a new file beside it that is flushed to disk and
// renamed over it, so a crash leaves the old contents or the new, never half.
bool write_private_file(const std::filesystem::path& file, std::string_view bytes, std::string& error);

}  // namespace cookiewarden
