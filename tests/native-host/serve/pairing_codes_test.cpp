#include "serve/pairing_codes.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

using namespace cookiewarden::serve;

namespace {
const PairingCodes::Clock::time_point t0{};
}

TEST_CASE("pairing code: XXXX-XXXX from an alphabet without look-alikes, good once") {
  PairingCodes codes;
  std::string code = codes.issue(t0).value();
  REQUIRE(code.size() == kPairingCodeLength + 1);
  CHECK(code[4] == '-');
  CHECK(std::none_of(code.begin(), code.end(), [](char c) { return std::string_view("01ILOU").find(c) != std::string_view::npos; }));
  CHECK(codes.redeem(code, t0));
  CHECK_FALSE(codes.redeem(code, t0));  // used up
}

TEST_CASE("pairing code: typed in lower case or without the dash it still counts") {
  PairingCodes codes;
  std::string code = codes.issue(t0).value();
  std::string typed;
  for (char c : code)
    if (c != '-') typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  CHECK(codes.redeem(typed, t0));
}

TEST_CASE("pairing code: expired after its lifetime, and a new code replaces the pending one") {
  PairingCodes codes;
  std::string old_code = codes.issue(t0).value();
  CHECK_FALSE(codes.redeem(old_code, t0 + kPairingCodeLifetime));
  old_code = codes.issue(t0).value();
  std::string new_code = codes.issue(t0).value();
  CHECK_FALSE(codes.redeem(old_code, t0));
  CHECK(codes.redeem(new_code, t0));
}

TEST_CASE("pairing code: after the allowed wrong attempts the right code no longer works") {
  PairingCodes codes;
  std::string code = codes.issue(t0).value();
  for (int i = 1; i < kMaxPairingAttempts; ++i) CHECK_FALSE(codes.redeem("2222-2222", t0));
  std::string fresh = codes.issue(t0).value();  // a new code starts a new count
  for (int i = 0; i < kMaxPairingAttempts; ++i) CHECK_FALSE(codes.redeem("2222-2222", t0));
  CHECK_FALSE(codes.redeem(fresh, t0));
  CHECK_FALSE(codes.redeem(code, t0));
}

TEST_CASE("pairing code: nothing pending, nothing redeems") {
  PairingCodes codes;
  CHECK_FALSE(codes.redeem("", t0));
  CHECK_FALSE(codes.redeem("2222-2222", t0));
}
