// Paths as UTF-8 text for JSON, manifests and messages, and back. On Windows path::string()
// converts through the ANSI code page (and throws on what it cannot represent); these go
// through UTF-8 on every OS. On Linux and macOS both are the path's bytes unchanged.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace cookiewarden {

std::string path_text(const std::filesystem::path& path);
std::filesystem::path path_from_text(std::string_view utf8);

}  // namespace cookiewarden
