// Whole-file reads and atomic whole-file writes for the CLI's inputs and outputs (lists, policies,
// compiled engines). Stores that edit browser files have their own, stricter code paths.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "warden/status.h"

namespace cookiewarden {

warden::Result<std::string> read_text_file(const std::filesystem::path& path);
warden::Result<std::vector<std::uint8_t>> read_binary_file(const std::filesystem::path& path);
// Writes to a temporary file beside `path`, then renames it over `path`.
warden::Status write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);

}  // namespace cookiewarden
