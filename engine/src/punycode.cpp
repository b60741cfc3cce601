#include "warden/punycode.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace warden {
namespace {

// Bootstring parameters for Punycode, RFC 3492 section 5.
constexpr std::uint32_t kBase = 36;
constexpr std::uint32_t kTMin = 1;
constexpr std::uint32_t kTMax = 26;
constexpr std::uint32_t kSkew = 38;
constexpr std::uint32_t kDamp = 700;
constexpr std::uint32_t kInitialBias = 72;
constexpr std::uint32_t kInitialN = 0x80;

bool decode_utf8(std::string_view text, std::vector<std::uint32_t>& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = lead < 0x80 ? 0 : (lead >> 5) == 0x6 ? 1 : (lead >> 4) == 0xE ? 2 : (lead >> 3) == 0x1E ? 3 : 4;
    if (extra == 4 || i + extra >= text.size()) return false;
    std::uint32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cont & 0x3F);
    }
    static constexpr std::uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    out.push_back(cp);
    i += extra + 1;
  }
  return true;
}

char encode_digit(std::uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

std::uint32_t adapt(std::uint32_t delta, std::uint32_t num_points, bool first_time) {
  delta = first_time ? delta / kDamp : delta / 2;
  delta += delta / num_points;
  std::uint32_t k = 0;
  while (delta > ((kBase - kTMin) * kTMax) / 2) {
    delta /= kBase - kTMin;
    k += kBase;
  }
  return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

// Appends the variable-length integer for `q` (RFC 3492 section 6.3, inner loop).
void append_delta(std::uint32_t q, std::uint32_t bias, std::string& out) {
  for (std::uint32_t k = kBase;; k += kBase) {
    std::uint32_t t = k <= bias ? kTMin : k >= bias + kTMax ? kTMax : k - bias;
    if (q < t) break;
    out.push_back(encode_digit(t + (q - t) % (kBase - t)));
    q = (q - t) / (kBase - t);
  }
  out.push_back(encode_digit(q));
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

Result<std::string> punycode_encode(std::string_view utf8) {
  std::vector<std::uint32_t> input;
  if (!decode_utf8(utf8, input)) return {Status::invalid_argument, "not valid UTF-8: '" + std::string(utf8) + "'"};

  std::string out;
  for (std::uint32_t cp : input)
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
  const auto basic = static_cast<std::uint32_t>(out.size());
  if (basic > 0) out.push_back('-');

  constexpr std::uint32_t kMax = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t n = kInitialN, delta = 0, bias = kInitialBias;
  for (std::uint32_t handled = basic; handled < input.size();) {
    std::uint32_t m = kMax;
    for (std::uint32_t cp : input)
      if (cp >= n) m = std::min(m, cp);
    if (m - n > (kMax - delta) / (handled + 1)) return {Status::invalid_argument, "punycode overflow"};
    delta += (m - n) * (handled + 1);
    n = m;
    for (std::uint32_t cp : input) {
      if (cp < n && ++delta == 0) return {Status::invalid_argument, "punycode overflow"};
      if (cp != n) continue;
      append_delta(delta, bias, out);
      bias = adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return out;
}

Result<std::string> domain_to_ascii(std::string_view utf8_domain) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = utf8_domain.find('.', start);
    std::string_view label = utf8_domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (is_ascii(label)) {
      for (char c : label) out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    } else {
      auto encoded = punycode_encode(label);
      if (!encoded.ok()) return encoded;
      out += "xn--";
      out += *encoded;
    }
    if (dot == std::string_view::npos) return out;
    out.push_back('.');
    start = dot + 1;
  }
}

}  // namespace warden
