// Test support: builds native messaging frames and splits a host's output back into messages,
// independently of the code under test (plain byte arithmetic).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

namespace cookiewarden::test {

inline std::string le32(std::uint32_t n) {
  return {static_cast<char>(n & 0xFF), static_cast<char>((n >> 8) & 0xFF), static_cast<char>((n >> 16) & 0xFF),
          static_cast<char>((n >> 24) & 0xFF)};
}

inline std::string frame(std::string_view body) { return le32(static_cast<std::uint32_t>(body.size())) + std::string(body); }

// Splits a stream of frames; fails the test on a ragged end.
inline std::vector<std::string> split_frames(std::string_view bytes) {
  std::vector<std::string> out;
  while (!bytes.empty()) {
    REQUIRE(bytes.size() >= 4);
    auto b = [&](int i) { return std::uint32_t{static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)])}; };
    std::uint32_t n = b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
    REQUIRE(bytes.size() >= 4 + std::size_t{n});
    out.emplace_back(bytes.substr(4, n));
    bytes.remove_prefix(4 + std::size_t{n});
  }
  return out;
}

}  // namespace cookiewarden::test
