#include "serve/pairing_codes.h"

#include <cctype>
#include <cstdint>

#include "serve/access_token.h"

namespace cookiewarden::serve {
namespace {

// No 0/O, 1/I/L or U: a person reads the code off one screen and types it on another.
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

// The code as typed, upper case, without the '-' the dashboard shows in the middle.
std::string normalized(std::string_view typed) {
  std::string code;
  for (char c : typed)
    if (c != '-' && c != ' ') code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return code;
}

}  // namespace

warden::Result<std::string> PairingCodes::issue(Clock::time_point now) {
  // AccessToken's CSPRNG bytes, as hex: two digits give one byte for each character.
  auto random = AccessToken::generate();
  if (!random.ok()) return {random.status(), random.detail()};
  const std::string& hex = random->text();
  std::string code;
  for (std::size_t i = 0; i < kPairingCodeLength; ++i) {
    auto byte = static_cast<std::uint8_t>(std::stoul(hex.substr(i * 2, 2), nullptr, 16));
    // 256 is not a multiple of 30; the bias (at most 1 in 256 per character) costs well under a bit.
    code.push_back(kAlphabet[byte % kAlphabet.size()]);
  }
  pending_ = Pending{code, now + kPairingCodeLifetime};
  return code.substr(0, kPairingCodeLength / 2) + "-" + code.substr(kPairingCodeLength / 2);
}

bool PairingCodes::redeem(std::string_view code, Clock::time_point now) {
  if (!pending_) return false;
  if (pending_->expires <= now) {
    pending_.reset();
    return false;
  }
  if (AccessToken::from_text(pending_->code).matches(normalized(code))) {
    pending_.reset();
    return true;
  }
  if (++pending_->wrong_attempts >= kMaxPairingAttempts) pending_.reset();
  return false;
}

}  // namespace cookiewarden::serve
