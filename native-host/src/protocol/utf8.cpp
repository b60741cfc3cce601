#include "protocol/utf8.h"

#include <cstddef>

namespace cookiewarden::protocol {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The valid range of the second byte depends on the lead byte (RFC 3629 §4 table): this is
// what rules out overlongs (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and > U+10FFFF (F4 90..).
struct LeadRule {
  int length;
  unsigned char second_min, second_max;
};

LeadRule lead_rule(unsigned char c) {
  if (c >= 0xC2 && c <= 0xDF) return {2, 0x80, 0xBF};
  if (c == 0xE0) return {3, 0xA0, 0xBF};
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return {3, 0x80, 0xBF};
  if (c == 0xED) return {3, 0x80, 0x9F};
  if (c == 0xF0) return {4, 0x90, 0xBF};
  if (c >= 0xF1 && c <= 0xF3) return {4, 0x80, 0xBF};
  if (c == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};  // C0, C1, F5..FF and stray continuation bytes
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size(), i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    LeadRule rule = lead_rule(p[i]);
    if (rule.length == 0 || n - i < static_cast<std::size_t>(rule.length)) return false;
    if (p[i + 1] < rule.second_min || p[i + 1] > rule.second_max) return false;
    for (int k = 2; k < rule.length; ++k)
      if (!is_continuation(p[i + static_cast<std::size_t>(k)])) return false;
    i += static_cast<std::size_t>(rule.length);
  }
  return true;
}

}  // namespace cookiewarden::protocol
