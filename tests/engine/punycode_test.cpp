#include "warden/punycode.h"

#include <doctest/doctest.h>

using warden::domain_to_ascii;
using warden::punycode_encode;

// Sample strings from RFC 3492 section 7.1, written as UTF-8.
TEST_CASE("punycode_encode matches the RFC 3492 samples") {
  struct Sample {
    const char* unicode;
    const char* punycode;
  };
  const Sample samples[] = {
      {"\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F",
       "egbpdaj6bu4bxfgehfvwxn"},                                                                   // (A) Arabic
      {"\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587", "ihqwcrb4cv8a8dqg056pqjye"},        // (B)
      {"\u4ED6\u5011\u7232\u4EC0\u9EBD\u4E0D\u8AAA\u4E2D\u6587", "ihqwctvzc91f659drss3x8bo0yb"},     // (C)
      {"3\u5E74B\u7D44\u91D1\u516B\u5148\u751F", "3B-ww4c5e180e575a65lsy2b"},                         // (L)
      {"\u305D\u306E\u30B9\u30D4\u30FC\u30C9\u3067", "d9juau41awczczp"},                             // (Q)
      {"-> $1.00 <-", "-> $1.00 <--"},                                                              // (S)
      {"b\u00FCcher", "bcher-kva"},
  };
  for (const auto& s : samples) {
    CAPTURE(s.punycode);
    auto encoded = punycode_encode(s.unicode);
    REQUIRE(encoded.ok());
    CHECK(*encoded == s.punycode);
  }
}

TEST_CASE("punycode_encode handles code points outside the BMP") {
  auto encoded = punycode_encode("\U0001F600");  // must not be split into surrogates
  REQUIRE(encoded.ok());
  CHECK(*encoded == "e28h");
}

TEST_CASE("domain_to_ascii converts only non-ASCII labels and lower-cases ASCII ones") {
  CHECK(domain_to_ascii("WWW.\u98DF\u72EE.\u516C\u53F8.CN").value() == "www.xn--85x722f.xn--55qx5d.cn");
  CHECK(domain_to_ascii("\u4E2D\u56FD").value() == "xn--fiqs8s");
  CHECK(domain_to_ascii("example.com").value() == "example.com");
  CHECK(domain_to_ascii("").value() == "");
}

TEST_CASE("punycode_encode rejects invalid UTF-8 with an error value") {
  for (const char* bad : {"\xC3", "\xC3\x28", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "a\x80"}) {
    CAPTURE(bad);
    auto encoded = punycode_encode(bad);
    CHECK(encoded.status() == warden::Status::invalid_argument);
    CHECK_FALSE(domain_to_ascii(std::string("x.") + bad).ok());
  }
}
