#include "url_tokens.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "string_hash.h"
#include "url_pattern.h"

using warden::BloomBits;
using warden::UrlTokens;

namespace {

struct Expected {
  std::string lower;
  std::vector<std::uint32_t> hash, position, end;
  std::vector<std::uint32_t> suffix_position;
};

// The definition, one byte at a time: lower-case A-Z, tokens are maximal runs of is_token_char().
Expected reference(std::string_view url, bool with_suffixes) {
  Expected e;
  for (char c : url) e.lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  for (std::size_t i = 0; i < url.size();) {
    if (!warden::is_token_char(url[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < url.size() && warden::is_token_char(url[i])) ++i;
    if (e.hash.size() < warden::kMaxUrlTokens) {
      e.hash.push_back(warden::hash_string(std::string_view(e.lower).substr(start, i - start)));
      e.position.push_back(static_cast<std::uint32_t>(start));
      e.end.push_back(static_cast<std::uint32_t>(i));
    }
    if (with_suffixes && i - start >= warden::kTokenSuffixLength && e.suffix_position.size() < warden::kMaxUrlTokens)
      e.suffix_position.push_back(static_cast<std::uint32_t>(i - warden::kTokenSuffixLength));
  }
  return e;
}

void check_tokens(std::string_view url, const BloomBits& bloom) {
  CAPTURE(url);
  std::string lower;
  UrlTokens tokens;
  warden::tokenize_url(url, bloom, lower, tokens);
  const Expected e = reference(url, !bloom.empty());
  CHECK(lower == e.lower);
  REQUIRE(tokens.count == e.hash.size());
  for (std::size_t i = 0; i < tokens.count; ++i) {
    CHECK(tokens.token[i].hash == e.hash[i]);
    CHECK(tokens.token[i].position == e.position[i]);
    CHECK(tokens.token[i].end == e.end[i]);
  }
  REQUIRE(tokens.suffix_count == e.suffix_position.size());
  for (std::size_t i = 0; i < tokens.suffix_count; ++i) {
    const std::uint32_t at = e.suffix_position[i];
    CHECK(tokens.suffix[i].position == at);
    CHECK(tokens.suffix[i].hash == warden::token_suffix_key(std::string_view(e.lower).substr(at, warden::kTokenSuffixLength)));
  }
}

// A bloom bitset with every bit set: it may hold any key, so every long token has its suffix.
struct FullBloom {
  std::vector<std::uint32_t> words = std::vector<std::uint32_t>(32, 0xFFFFFFFFu);
  BloomBits bits() const {
    return BloomBits(warden::snapshot::Table<std::uint32_t>(
        {reinterpret_cast<const std::uint8_t*>(words.data()), words.size() * sizeof(std::uint32_t)}));
  }
};

const char* const kUrls[] = {
    "",
    "/",
    "a",
    "https://example.com/",
    "https://Example.COM/Path/To/Pixel.GIF?UTM_Source=AbCdEfGhIjKlMnOpQrStUvWxYz&x=%2F%2Fevent",
    // The bytes around the letters' ranges: '@' before 'A', '[' after 'Z', '`' and '{' around a-z.
    "https://x.test/@AZ[`az{@@[[``{{Az@Za[z`",
    "https://x.test/caf\xC3\xA9/\xC3\x89T\xC3\x89/\xFF\x80\xC0\xDA\xC1\xE1",
    "https://x.test/ends-in-a-token",
    "https://x.test/1234567/abcdefgh/ABCDEFGH/a_b-c.d~e",
    "%%%%%%%%%%%%%%%%",
};

}  // namespace

TEST_CASE("tokenize_url lower-cases ASCII letters and hashes each token as the builder does") {
  FullBloom full;
  for (const char* url : kUrls) {
    check_tokens(url, BloomBits());
    check_tokens(url, full.bits());
  }
}

TEST_CASE("tokenize_url treats a NUL inside the URL as a separator, not as the end") {
  const std::string url("https://x.test/AB\0CD\0\0longtoken1\0", 33);
  FullBloom full;
  check_tokens(url, BloomBits());
  check_tokens(url, full.bits());
}

TEST_CASE("tokenize_url matches the byte-at-a-time definition at every length and alignment") {
  // Every prefix of a URL mixing cases and separators, so that each byte is once in the
  // eight-byte part and once in the tail of the lower-casing, and tokens end at every offset.
  const std::string url = "https://AD.Example.co.uk/Track/Pixel_1x1.GIF?ID=ABCdef0123456789&Ref=HTTP%3A%2F%2FX.Y%2Fz";
  FullBloom full;
  for (std::size_t n = 0; n <= url.size(); ++n) {
    check_tokens(std::string_view(url).substr(0, n), BloomBits());
    check_tokens(std::string_view(url).substr(1, n == 0 ? 0 : n - 1), full.bits());
  }
}

TEST_CASE("tokenize_url keeps the first kMaxUrlTokens tokens and suffix tokens") {
  // Short tokens first, so that the suffix tokens of the long ones after them still fit.
  std::string url = "https://x.test/";
  for (std::size_t i = 0; i < warden::kMaxUrlTokens; ++i) url += "t/";
  for (std::size_t i = 0; i < warden::kMaxUrlTokens + 20; ++i) url += "Tok" + std::to_string(i) + "LONGER/";
  FullBloom full;
  check_tokens(url, BloomBits());
  check_tokens(url, full.bits());
}
