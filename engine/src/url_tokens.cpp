#include "url_tokens.h"

#include <cstring>

#include "string_hash.h"
#include "url_pattern.h"

namespace warden {
namespace {

// What tokenize_url() does at each byte of the lower-case URL: every byte of every URL passes
// through one of its two loops, so each asks one table load and no bounds check. NUL stops both
// loops: it ends the text (std::string's terminator), and the rare NUL inside a URL is skipped
// as the separator it is.
enum ByteClass : std::uint8_t { kSeparator = 0, kTokenByte = 1, kNul = 2 };
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = is_token_char(static_cast<char>(c)) ? kTokenByte : kSeparator;
  t[0] = kNul;
  return t;
}();

// ASCII A-Z to a-z, eight bytes per step (bytes >= 0x80 are left alone): 43% of URLs have upper
// case, and a byte loop with a branch per byte cost more than the tokenizer's own loop.
void lower_ascii(std::string_view in, char* out) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull, kLow7 = 0x7F7F7F7F7F7F7F7Full;
  std::size_t i = 0;
  for (; i + 8 <= in.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, in.data() + i, 8);
    const std::uint64_t low7 = w & kLow7;
    // Bit 7 of each byte: its low seven bits are >= 'A', and > 'Z'.
    const std::uint64_t from_a = low7 + 0x3F3F3F3F3F3F3F3Full;
    const std::uint64_t past_z = low7 + 0x2525252525252525ull;
    const std::uint64_t upper = from_a & ~past_z & ~w & kHigh;
    w |= upper >> 2;  // 0x80 >> 2 is the 0x20 between 'A' and 'a'
    std::memcpy(out + i, &w, 8);
  }
  for (; i < in.size(); ++i) {
    const char c = in[i];
    out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
}

}  // namespace

void tokenize_url(std::string_view url, const BloomBits& suffixes, std::string& lower, UrlTokens& tokens) {
  lower.resize(url.size());
  lower_ascii(url, lower.data());
  tokens.count = 0;
  tokens.suffix_count = 0;
  const auto* text = reinterpret_cast<const unsigned char*>(lower.c_str());  // NUL-terminated
  const std::size_t n = url.size();
  const bool with_suffixes = !suffixes.empty();
  std::size_t i = 0;
  while (true) {
    while (kByteClass[text[i]] == kSeparator) ++i;
    if (text[i] == 0) {
      if (i >= n) break;
      ++i;
      continue;
    }
    const std::size_t start = i;
    std::uint32_t hash = kHashSeed;
    do {
      hash = (hash ^ text[i]) * kHashPrime;  // hash_continue, one byte at a time
      ++i;
    } while (kByteClass[text[i]] == kTokenByte);
    if (tokens.count < kMaxUrlTokens)
      tokens.token[tokens.count++] = {hash, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)};
    if (with_suffixes && i - start >= kTokenSuffixLength && tokens.suffix_count < kMaxUrlTokens) {
      const auto at = static_cast<std::uint32_t>(i - kTokenSuffixLength);
      const std::uint32_t key = token_suffix_key({lower.data() + at, kTokenSuffixLength});
      if (suffixes.may_hold(key)) tokens.suffix[tokens.suffix_count++] = {key, at, static_cast<std::uint32_t>(i)};
    }
  }
}

}  // namespace warden
