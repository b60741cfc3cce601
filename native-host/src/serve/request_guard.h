// Who may use `cookiewarden serve`, decided from a request's head before anything else is read
// or run. Transport-free (plain strings), so it is tested and fuzzed without sockets.
//
// In this order:
//   Host    must name the loopback listener: 127.0.0.1:PORT, localhost:PORT or [::1]:PORT
//           → else 421. A DNS-rebinding page reaches us under its own name, so it fails here.
//   Origin  when present, must be the dashboard's own (http:// + an allowed Host) or a browser
//           extension's (chrome-extension://, moz-extension://, safari-web-extension://)
//           → else 403: another page's script can send requests, never with our origin.
//           An extension may only pair (POST /pair) and use /api and /ws → else 403.
//   path    GET / and the page's files: no token. POST /token: no token either (it trades a
//           one-time code for the token, one_time_codes.h); POST /pair neither (it trades the
//           dashboard's pairing code for an install's token, pairing_codes.h). POST /api, GET /ws
//           (upgrade) and POST /installs (the dashboard's list of paired extensions) → a token;
//           other paths 404, other methods 405.
//   token   /api, /installs: "Authorization: Bearer <token>". /ws: the browser's WebSocket API
//           cannot set headers, so the client offers two subprotocols, "cookiewarden" and
//           "cookiewarden.token.<token>"; the server answers with "cookiewarden".
//           From an extension's origin: the token of an install paired from that very origin
//           (paired_installs.h), and /installs is not theirs; otherwise: serve's own token
//           → else 401, and no command runs.
// Every other GET path is a page file (the server answers 404 for one it does not embed).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "protocol/message.h"
#include "serve/access_token.h"
#include "serve/paired_installs.h"

namespace cookiewarden::serve {

inline constexpr std::string_view kWebSocketProtocol = "cookiewarden";
inline constexpr std::string_view kWebSocketTokenPrefix = "cookiewarden.token.";

// What the guard needs of a request; absent headers are nullopt (present but empty is "").
struct RequestHead {
  std::string_view method;
  std::string_view target;  // "/api", "/?x=1"
  std::optional<std::string_view> host;
  std::optional<std::string_view> origin;
  std::optional<std::string_view> authorization;
  std::optional<std::string_view> websocket_protocols;  // Sec-WebSocket-Protocol
  bool websocket_upgrade = false;
};

enum class Route { page_file, token_exchange, pairing, installs, api, websocket };

struct Admitted {
  Route route;
  std::string path;  // page_file: the file asked for ("/" for the page itself)
};

struct Refusal {
  unsigned status;  // HTTP status
  protocol::ErrorCode code;
  std::string message;
};

class RequestGuard {
 public:
  // `installs` must outlive the guard; it is read at each request, so pairings and revocations
  // count at once.
  RequestGuard(AccessToken token, std::uint16_t port, const PairedInstalls& installs)
      : token_(std::move(token)), port_(port), installs_(installs) {}

  std::variant<Admitted, Refusal> admit(const RequestHead& head) const;

  // Whether a Host header names this server: "127.0.0.1:PORT", "localhost:PORT", "[::1]:PORT".
  bool is_own_host(std::string_view host) const;

  // Whether an Origin header is a browser extension's (chrome-extension://ID, …).
  static bool is_extension_origin(std::string_view origin);

  const AccessToken& token() const { return token_; }

 private:
  bool is_own_origin(std::string_view origin) const;
  bool has_token(const RequestHead& head, Route route, std::optional<std::string_view> extension) const;

  AccessToken token_;
  std::uint16_t port_;
  const PairedInstalls& installs_;
};

}  // namespace cookiewarden::serve
