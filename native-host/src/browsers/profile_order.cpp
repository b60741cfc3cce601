#include "browsers/profile_order.h"

#include "warden/ascii_digits.h"

namespace cookiewarden {
namespace {

// Leading zeros do not change a number's value; the shorter run of significant digits is smaller.
std::string_view digit_run(std::string_view s, std::size_t& i) {
  std::size_t start = i;
  while (i < s.size() && warden::is_digit(s[i])) ++i;
  std::string_view run = s.substr(start, i - start);
  while (run.size() > 1 && run.front() == '0') run.remove_prefix(1);
  return run;
}

}  // namespace

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (warden::is_digit(a[i]) && warden::is_digit(b[j])) {
      std::string_view x = digit_run(a, i), y = digit_run(b, j);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i, ++j;
  }
  return a.size() - i < b.size() - j;
}

}  // namespace cookiewarden
