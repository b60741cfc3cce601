// ASCII digits as URLs, filter lists, browser files and the host's journal write them: '0'-'9' (and
// 'a'-'f' either case for hex) whatever the locale says. One place for the engine and the native host.
#pragma once

namespace warden {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The value of a hexadecimal digit, or -1 if `c` is none.
constexpr int hex_digit_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace warden
