#include "protocol/utf8.h"

#include <doctest/doctest.h>

#include <string>

using cookiewarden::protocol::is_valid_utf8;

TEST_CASE("utf8: accepts ASCII, every sequence length and the extremes of each range") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ascii {\"id\":1}"));
  CHECK(is_valid_utf8("\xC2\x80"));          // U+0080, smallest two-byte
  CHECK(is_valid_utf8("\xDF\xBF"));          // U+07FF
  CHECK(is_valid_utf8("\xE0\xA0\x80"));      // U+0800, smallest three-byte
  CHECK(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, last before the surrogates
  CHECK(is_valid_utf8("\xEE\x80\x80"));      // U+E000, first after them
  CHECK(is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
  CHECK(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  CHECK(is_valid_utf8("b\xC3\xBC" "cher.example \xE2\x9C\x93 \xF0\x9F\x8D\xAA"));
  CHECK(is_valid_utf8(std::string("nul\0inside", 10)));
}

TEST_CASE("utf8: rejects overlongs, surrogates, out-of-range and cut sequences") {
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));              // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));              // overlong
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));          // overlong three-byte
  CHECK_FALSE(is_valid_utf8("\xE0\x9F\xBF"));          // overlong U+07FF
  CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));      // overlong four-byte
  CHECK_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));      // overlong U+FFFF
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));          // U+D800 high surrogate
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));          // U+DFFF low surrogate
  CHECK_FALSE(is_valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // U+110000
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("\x80"));                  // lone continuation
  CHECK_FALSE(is_valid_utf8("abc\xC3"));               // cut at the end
  CHECK_FALSE(is_valid_utf8("\xE2\x9C"));
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x8D"));
  CHECK_FALSE(is_valid_utf8("\xE2\x28\xA1"));          // bad continuation
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x8D\x41"));
}
