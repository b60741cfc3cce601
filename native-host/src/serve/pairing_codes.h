// The code the dashboard shows so that a browser extension can pair with `serve` (POST /pair):
// typed by a person into the extension's options page, so it is short (8 characters from an
// alphabet without look-alikes, about 39 bits), lives kPairingCodeLifetime, works once, and only
// one is pending at a time (a new one replaces it). Guessing is bounded: after
// kMaxPairingAttempts wrong codes the pending code is void, and the dashboard must show a new one.
//
// Used on the server's I/O thread only (both the dashboard's request and the extension's).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "warden/status.h"

namespace cookiewarden::serve {

inline constexpr std::chrono::minutes kPairingCodeLifetime{5};
inline constexpr int kMaxPairingAttempts = 5;
inline constexpr std::size_t kPairingCodeLength = 8;

class PairingCodes {
 public:
  using Clock = std::chrono::steady_clock;

  // A fresh code, replacing any pending one; an error when the OS has no randomness to give.
  warden::Result<std::string> issue(Clock::time_point now);
  // Whether `code` is the pending code, unexpired at `now` (case and a '-' are ignored: the
  // dashboard shows it as XXXX-XXXX). True uses it up; a wrong code counts as an attempt.
  bool redeem(std::string_view code, Clock::time_point now);

 private:
  struct Pending {
    std::string code;
    Clock::time_point expires;
    int wrong_attempts = 0;
  };
  std::optional<Pending> pending_;
};

}  // namespace cookiewarden::serve
