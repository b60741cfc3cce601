// A request URL as the token index looks it up: lower-cased, and cut into tokens (runs of
// is_token_char() bytes) with their hashes, as the builder hashes a pattern's tokens.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "bloom_bits.h"

namespace warden {

inline constexpr std::size_t kMaxUrlTokens = 512;

struct UrlToken {
  std::uint32_t hash;
  std::uint32_t position;
  std::uint32_t end;
};

// A URL's tokens, and the tokens whose last kTokenSuffixLength bytes may be a pattern's token
// suffix (suffix_tokens() in the builder), as a token of those bytes alone.
struct UrlTokens {
  std::array<UrlToken, kMaxUrlTokens> token, suffix;
  std::size_t count = 0, suffix_count = 0;
  std::span<const UrlToken> view() const { return {token.data(), count}; }
  std::span<const UrlToken> suffixes() const { return {suffix.data(), suffix_count}; }
};

// Writes `url` lower-cased (ASCII letters only) to `lower` and its first kMaxUrlTokens tokens, by
// hash_string() of their lower-case bytes, to `tokens`; a suffix token for each token whose
// suffix key `suffixes` may hold. `lower` and `tokens` are the caller's scratch, reused.
void tokenize_url(std::string_view url, const BloomBits& suffixes, std::string& lower, UrlTokens& tokens);

}  // namespace warden
