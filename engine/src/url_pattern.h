// Matching an Adblock Plus / uBO network pattern (`*` wildcards, `^` separators, `|` and `||`
// anchors; see filter_list.h) against a URL. Pure function over views: no allocation.
#pragma once

#include <cstdint>
#include <string_view>

namespace warden {

// A URL as the matcher sees it: the whole URL and where its host is inside it.
struct UrlView {
  std::string_view text;
  std::size_t host_begin = 0;
  std::size_t host_end = 0;
};

// `pattern` is compiled (anchors removed, see FilterFlag); `flags` carries the anchors.
bool pattern_matches(std::string_view pattern, std::uint16_t flags, const UrlView& url);
// The same, with the match required to start at `start` (still honouring the anchors).
bool pattern_matches_at(std::string_view pattern, std::uint16_t flags, const UrlView& url, std::size_t start);

// Token characters as uBO defines them; a pattern is indexed under one of its tokens, a URL is
// looked up under all of its tokens.
constexpr bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '%' || (c >= 'A' && c <= 'Z');
}

}  // namespace warden
