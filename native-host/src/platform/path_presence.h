// What stands at a path, judged without following a symlink there: a link planted in a profile
// is itself what is present, never where it points. The error_code forms throughout: the
// throwing ones would escape as an exception on EACCES or ELOOP, and a path we cannot even stat
// is reported by the code that opens it, not here.
#pragma once

#include <filesystem>

namespace cookiewarden {

// Anything at `path`, a dangling symlink included; false when it cannot be stat'ed.
bool path_present(const std::filesystem::path& path);

// A directory itself, not a symlink to one.
bool is_real_directory(const std::filesystem::path& path);

}  // namespace cookiewarden
