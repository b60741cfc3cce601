// What every parser of host names in the engine agrees on: the DNS length limits (RFC 1035
// §2.3.4) and ASCII-only case folding (a host reaches the engine in ASCII; IDNs as punycode).
#pragma once

#include <cstddef>

namespace warden::dns {

inline constexpr std::size_t kMaxHostLength = 253;
inline constexpr std::size_t kMaxLabelLength = 63;

constexpr char to_lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

}  // namespace warden::dns
