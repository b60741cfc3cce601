// Reads configuration files a browser (or our installer) wrote: Local State, profiles.ini,
// host manifests. They are small; anything else under those names (a FIFO, a device, a
// symlink planted in a profile, a 2 GB file) is refused instead of read.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace cookiewarden {

// The bytes of `path` when it is a regular file, not a symlink, of at most max_bytes.
std::optional<std::string> read_small_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace cookiewarden
