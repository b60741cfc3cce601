#include "serve/access_token.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using cookiewarden::serve::AccessToken;

TEST_CASE("serve: a generated token is 256 random bits as 64 lowercase hex digits") {
  std::set<std::string> seen;
  for (int i = 0; i < 32; ++i) {
    auto token = AccessToken::generate();
    REQUIRE(token.ok());
    const std::string& text = token->text();
    CHECK(text.size() == 64);
    CHECK(std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
    seen.insert(text);
  }
  CHECK(seen.size() == 32);
}

TEST_CASE("serve: a token matches itself only") {
  auto token = AccessToken::generate();
  REQUIRE(token.ok());
  std::string text = token->text();
  CHECK(token->matches(text));
  CHECK_FALSE(token->matches(""));
  CHECK_FALSE(token->matches(text.substr(0, 63)));
  CHECK_FALSE(token->matches(text + "0"));
  std::string last_differs = text;
  last_differs.back() = last_differs.back() == '0' ? '1' : '0';
  CHECK_FALSE(token->matches(last_differs));
  std::string first_differs = text;
  first_differs.front() = first_differs.front() == '0' ? '1' : '0';
  CHECK_FALSE(token->matches(first_differs));
  std::string upper = text;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
  if (upper != text) CHECK_FALSE(token->matches(upper));
}

TEST_CASE("serve: an empty token matches nothing, not even the empty string") {
  AccessToken empty = AccessToken::from_text("");
  CHECK_FALSE(empty.matches(""));
  CHECK_FALSE(empty.matches("x"));
}
