// The secret that lets a client use `cookiewarden serve`: 256 bits from the OS's CSPRNG, written
// as 64 lowercase hex digits (safe in a URL fragment, an HTTP header and a WebSocket
// subprotocol name). Anyone who can reach the loopback port can try it, so it is compared in
// constant time.
#pragma once

#include <string>
#include <string_view>

#include "warden/status.h"

namespace cookiewarden::serve {

inline constexpr std::size_t kAccessTokenBytes = 32;

class AccessToken {
 public:
  // A fresh token, or an error when the OS has no randomness to give.
  static warden::Result<AccessToken> generate();
  // A known token (tests).
  static AccessToken from_text(std::string text) { return AccessToken(std::move(text)); }

  const std::string& text() const { return text_; }
  // Whether `candidate` is this token; the time taken does not depend on where they differ.
  bool matches(std::string_view candidate) const;

 private:
  explicit AccessToken(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace cookiewarden::serve
