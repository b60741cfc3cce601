#include "serve/one_time_codes.h"

#include <doctest/doctest.h>

using namespace cookiewarden::serve;

namespace {
const OneTimeCodes::Clock::time_point kStart{};
}  // namespace

TEST_CASE("one-time codes: each is 256 random bits and trades once") {
  OneTimeCodes codes;
  int redeemed = 0;
  auto first = codes.issue(kStart, [&] { ++redeemed; });
  auto second = codes.issue(kStart);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->size() == 64);
  CHECK(*first != *second);
  CHECK(codes.redeem(*first, kStart));
  CHECK(redeemed == 1);
  CHECK_FALSE(codes.redeem(*first, kStart));
  CHECK(redeemed == 1);
  CHECK(codes.redeem(*second, kStart));
}

TEST_CASE("one-time codes: an unknown, altered or expired code is refused") {
  OneTimeCodes codes;
  auto code = codes.issue(kStart);
  REQUIRE(code.ok());
  std::string altered = *code;
  altered[10] = altered[10] == 'a' ? 'b' : 'a';
  CHECK_FALSE(codes.redeem(altered, kStart));
  CHECK_FALSE(codes.redeem("", kStart));
  CHECK_FALSE(codes.redeem(code->substr(0, 63), kStart));
  CHECK_FALSE(codes.redeem(*code, kStart + kCodeLifetime));
  CHECK_FALSE(codes.redeem(*code, kStart));  // an expired code is forgotten, not kept for later

  auto late = codes.issue(kStart);
  REQUIRE(late.ok());
  CHECK(codes.redeem(*late, kStart + kCodeLifetime - std::chrono::seconds(1)));
}
