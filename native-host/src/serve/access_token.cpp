#include "serve/access_token.h"

#include <array>
#include <cstdint>

#if defined(_WIN32)
#include <windows.h>
#include <bcrypt.h>
#else
#include <unistd.h>
#endif

namespace cookiewarden::serve {
namespace {

using Bytes = std::array<unsigned char, kAccessTokenBytes>;

// getentropy (Linux getrandom, macOS, BSDs) and BCryptGenRandom read the kernel's CSPRNG; neither
// can return fewer bytes than asked.
bool fill_random(Bytes& bytes) {
#if defined(_WIN32)
  return BCryptGenRandom(nullptr, bytes.data(), static_cast<ULONG>(bytes.size()), BCRYPT_USE_SYSTEM_PREFERRED_RNG) >= 0;
#else
  return getentropy(bytes.data(), bytes.size()) == 0;
#endif
}

std::string hex(const Bytes& bytes) {
  constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    text.push_back(kDigits[byte >> 4]);
    text.push_back(kDigits[byte & 0xF]);
  }
  return text;
}

}  // namespace

warden::Result<AccessToken> AccessToken::generate() {
  Bytes bytes{};
  if (!fill_random(bytes)) return {warden::Status::unsupported, "the operating system gave no random bytes for the access token"};
  return AccessToken(hex(bytes));
}

bool AccessToken::matches(std::string_view candidate) const {
  if (text_.empty()) return false;
  // Every byte of the candidate is looked at whatever the first difference, so the reply time
  // tells an attacker nothing about a prefix; only the length (always 64) can show.
  std::uint8_t difference = candidate.size() == text_.size() ? 0 : 1;
  for (std::size_t i = 0; i < candidate.size(); ++i) {
    std::uint8_t expected = i < text_.size() ? static_cast<std::uint8_t>(text_[i]) : 0;
    difference |= static_cast<std::uint8_t>(static_cast<std::uint8_t>(candidate[i]) ^ expected);
  }
  return difference == 0;
}

}  // namespace cookiewarden::serve
