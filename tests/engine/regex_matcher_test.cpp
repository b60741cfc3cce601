#include "regex_matcher.h"

#include <doctest/doctest.h>

#include <string>

using warden::regex_search;
using warden::regex_supported;
using warden::regex_tokens;

TEST_CASE("the regex subset of real filter lists is supported") {
  CHECK(regex_supported(R"((https?:\/\/)104\.154\..{100,})"));
  CHECK(regex_supported(R"(^https?:\/\/(35|104)\.(\d){1,3}\.(\d){1,3}\.(\d){1,3}\/)"));
  CHECK(regex_supported(R"(^https?:\/\/s3\.*\.amazonaws\.com\/[a-f0-9]{45,}\/[a-f,0-9]{8,10}$)"));
  CHECK(regex_supported(R"(\/[0-9a-f]{32}\/invoke\.js)"));
  CHECK(regex_supported(R"(^https?:\/\/.*\/[a-z0-9A-Z_]{2,15}\.(php|jx|jsx|1ph|jsf|jz|jsm|j$))"));
  CHECK(regex_supported(R"(a+?b*?c??)"));
  CHECK(regex_supported(R"((?:ab)+)"));
}

TEST_CASE("lookarounds, backreferences, word boundaries and broken syntax are rejected") {
  CHECK_FALSE(regex_supported(R"(foo(?=bar))"));
  CHECK_FALSE(regex_supported(R"(foo(?!bar))"));
  CHECK_FALSE(regex_supported(R"((?<=a)b)"));
  CHECK_FALSE(regex_supported(R"((a)\1)"));
  CHECK_FALSE(regex_supported(R"(\bads\b)"));
  CHECK_FALSE(regex_supported("(unclosed"));
  CHECK_FALSE(regex_supported("[unclosed"));
  CHECK_FALSE(regex_supported("a{2,1}"));
  CHECK_FALSE(regex_supported("*a"));
  CHECK_FALSE(regex_supported("a**"));
  CHECK_FALSE(regex_supported("trailing\\"));
}

TEST_CASE("regex search follows JavaScript RegExp.test") {
  CHECK(regex_search("abc", "xxabcxx", false));
  CHECK_FALSE(regex_search("^abc", "xxabc", false));
  CHECK(regex_search("abc$", "xxabc", false));
  CHECK_FALSE(regex_search("abc$", "abcx", false));
  CHECK(regex_search("a(b|c)d", "acd", false));
  CHECK_FALSE(regex_search("(a)b", "ac", false));
  CHECK(regex_search(R"(^https?:\/\/(35|104)\.(\d){1,3}\.)", "https://104.12.9.1/", false));
  CHECK_FALSE(regex_search(R"(^https?:\/\/(35|104)\.(\d){1,3}\.)", "https://104.1234.9.1/", false));
  CHECK(regex_search(R"(\/[0-9a-f]{32}\/invoke\.js)", "https://x.example/0123456789abcdef0123456789abcdef/invoke.js", false));
  CHECK_FALSE(regex_search(R"(\/[0-9a-f]{32}\/invoke\.js)", "https://x.example/0123456789abcdef/invoke.js", false));
  CHECK(regex_search("[^a-z]+", "abc1", false));
  CHECK(regex_search(R"(\w{3}\s\d)", "x abc 1", false));
  CHECK(regex_search("(ab)+c", "ababc", false));
  CHECK(regex_search("x(ab)*c", "xc", false));
  CHECK_FALSE(regex_search("x(ab){2}c", "xabc", false));
}

TEST_CASE("ignore_case matches upper-case pattern letters against lower-case text") {
  CHECK(regex_search("AbC", "xabcx", true));
  CHECK(regex_search("[A-Z]{3}", "abc", true));
  CHECK_FALSE(regex_search("AbC", "xabcx", false));
}

TEST_CASE("a catastrophic pattern gives up instead of hanging") {
  std::string text(5000, 'a');
  CHECK_FALSE(regex_search("(a*)*b", text, false));
  CHECK_FALSE(regex_search("(((((a*)*)*)*)*)*b", text, false));
}

TEST_CASE("a search tries only the positions that can begin a match, and finds every match it found before") {
  // Optional or skippable beginnings: what follows them may begin the match.
  CHECK(regex_search("a?b", "xb", false));
  CHECK(regex_search("(a|b?)c", "xc", false));
  CHECK(regex_search("(?:ab)*c", "xc", false));
  CHECK(regex_search("[0-9]+x", "ab12x", false));
  CHECK(regex_search("ABC", "xxabc", true));
  // Anchors: `^` in every alternative means position 0 only; elsewhere it does not narrow.
  CHECK_FALSE(regex_search("^https?:", "xhttps:", false));
  CHECK(regex_search("^a|b", "xb", false));
  CHECK(regex_search("x|^a", "ab", false));
  CHECK(regex_search("(^a)|c", "abc", false));
  // Empty matches.
  CHECK(regex_search("$", "abc", false));
  CHECK(regex_search("a*", "", false));
  CHECK(regex_search("", "x", false));
  // The step budget is spent on positions that can begin a match, not on the scan for them: a
  // match at the end of a long text is found.
  std::string text(150000, 'x');
  text += "ab";
  CHECK(regex_search("ab", text, false));
  CHECK(regex_search(R"((https?:\/\/)104\.)", text + "https://104.", false));
}

TEST_CASE("regex tokens are whole literal tokens of the top-level sequence") {
  CHECK(regex_tokens(R"((https?:\/\/)104\.154\..{100,})") == std::vector<std::string>{"154"});
  CHECK(regex_tokens(R"(\/[0-9a-f]{32}\/invoke\.js)") == std::vector<std::string>{"invoke"});
  CHECK(regex_tokens(R"(^https?:\/\/tmx\.(td|tdbank)\.com)") == std::vector<std::string>{"tmx"});
  CHECK(regex_tokens(R"(a|\/b\/)").empty());  // top-level alternation: no token is required
  CHECK(regex_tokens(R"(\/ads\/$)") == std::vector<std::string>{"ads"});
}
