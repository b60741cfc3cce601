// The absolute path of the running binary: what host manifests must name, and what the origin
// check compares a Firefox manifest's "path" with.
#pragma once

#include <filesystem>

namespace cookiewarden {

// Empty when the OS will not say.
std::filesystem::path executable_path();

}  // namespace cookiewarden
