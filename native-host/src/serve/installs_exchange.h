// The bodies of the two pairing endpoints, transport-free (the guard has admitted the request).
//
// POST /installs, from the dashboard (serve's own token):
//   {"action": "code"}               → {"code": "XXXX-XXXX", "expires_in": 300}  a new pairing code
//   {"action": "list"}               → {"installs": [{"id", "origin", "paired_at"}]}  (no tokens)
//   {"action": "revoke", "id": "…"}  → {"revoked": true | false}
// POST /pair, from a browser extension (its Origin; no token):
//   {"code": "XXXX-XXXX"}            → {"install": "<id>", "token": "<64 hex digits>"}
//   a wrong, used or expired code    → 401 (after kMaxPairingAttempts wrong ones the code is void)
// Errors have the protocol's shape ({"id": null, "ok": false, "error": {code, message}}).
#pragma once

#include <cstdint>
#include <string_view>

#include "serve/api_exchange.h"
#include "serve/paired_installs.h"
#include "serve/pairing_codes.h"

namespace cookiewarden::serve {

struct PairingClock {
  PairingCodes::Clock::time_point now;  // for the code's lifetime
  std::int64_t unix_seconds;            // recorded as paired_at
};

ApiReply answer_installs(std::string_view body, PairedInstalls& installs, PairingCodes& codes, PairingClock clock);

ApiReply answer_pairing(std::string_view body, std::string_view origin, PairedInstalls& installs, PairingCodes& codes,
                        PairingClock clock);

}  // namespace cookiewarden::serve
