#include "serve/one_time_codes.h"

#include <algorithm>

namespace cookiewarden::serve {

warden::Result<std::string> OneTimeCodes::issue(Clock::time_point now, std::function<void()> on_redeemed) {
  auto code = AccessToken::generate();
  if (!code.ok()) return {code.status(), code.detail()};
  std::string text = code->text();
  std::lock_guard lock(mutex_);
  pending_.push_back({std::move(code).value(), now + kCodeLifetime, std::move(on_redeemed)});
  return text;
}

bool OneTimeCodes::redeem(std::string_view code, Clock::time_point now) {
  std::function<void()> on_redeemed;
  {
    std::lock_guard lock(mutex_);
    std::erase_if(pending_, [now](const Pending& p) { return p.expires <= now; });
    // Every pending code is compared (in constant time each), whichever matches.
    auto match = pending_.end();
    for (auto it = pending_.begin(); it != pending_.end(); ++it)
      if (it->code.matches(code)) match = it;
    if (match == pending_.end()) return false;
    on_redeemed = std::move(match->on_redeemed);
    pending_.erase(match);
  }
  if (on_redeemed) on_redeemed();
  return true;
}

}  // namespace cookiewarden::serve
