#include "crc32.h"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

namespace {
std::uint32_t crc_of(std::string_view s) {
  return warden::crc32({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
}
}  // namespace

TEST_CASE("crc32 is the IEEE CRC-32 (zlib's)") {
  CHECK(crc_of("") == 0u);
  CHECK(crc_of("123456789") == 0xCBF43926u);  // the standard check value
  CHECK(crc_of("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
}

TEST_CASE("crc32 sees a single flipped bit at any position") {
  std::vector<std::uint8_t> bytes(37);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 7);
  const std::uint32_t original = warden::crc32(bytes);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] ^= 0x10;
    CHECK(warden::crc32(bytes) != original);
    bytes[i] ^= 0x10;
  }
}
