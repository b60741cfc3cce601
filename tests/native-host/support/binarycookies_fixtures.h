// Test support: Safari's cookie files as bytes, the real ones of the fixtures
// (tests/native-host/fixtures/binarycookies, origin and licence in SOURCES.md) and files a test
// writes or reads back.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace cookiewarden::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

inline void write_bytes(const std::filesystem::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// A real Safari file of the fixtures, e.g. "kooky-safari-macos-cookie-db.binarycookies".
inline Bytes binarycookies_fixture(const char* name) {
  return read_bytes(std::filesystem::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/binarycookies" / name);
}

}  // namespace cookiewarden::test
