// One-time codes a page trades once for a token (POST /token), so the long-lived token itself
// never travels in a URL that reaches a command line, a printed line or a browser's history.
// `serve` gives its dashboard link such a code; pairing an extension with the dashboard will
// build on the same exchange (a code the dashboard shows, traded for that install's own token).
//
// Each code is 256 random bits (AccessToken's), good for one exchange within kCodeLifetime of
// being issued; a used, expired or unknown code is refused alike.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "serve/access_token.h"
#include "warden/status.h"

namespace cookiewarden::serve {

inline constexpr std::chrono::minutes kCodeLifetime{10};

class OneTimeCodes {
 public:
  using Clock = std::chrono::steady_clock;

  // A fresh code; `on_redeemed` runs once it is traded (the launch page is removed then).
  warden::Result<std::string> issue(Clock::time_point now, std::function<void()> on_redeemed = {});
  // Whether `code` was issued, is unused and unexpired at `now`. A matching code is used up
  // (its on_redeemed has run) when this returns true; expired codes are forgotten.
  bool redeem(std::string_view code, Clock::time_point now);

 private:
  struct Pending {
    AccessToken code;
    Clock::time_point expires;
    std::function<void()> on_redeemed;
  };
  std::mutex mutex_;  // codes are issued by the CLI's thread, redeemed on the I/O thread
  std::vector<Pending> pending_;
};

}  // namespace cookiewarden::serve
