#include "serve/request_guard.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace cookiewarden::serve {
namespace {

using protocol::ErrorCode;

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equals_ignoring_case(text.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find_first_of("?#")); }

Refusal refusal(unsigned status, ErrorCode code, std::string message) { return {status, code, std::move(message)}; }

}  // namespace

bool RequestGuard::is_own_host(std::string_view host) const {
  static constexpr std::array<std::string_view, 3> kLoopbackNames{"127.0.0.1", "localhost", "[::1]"};
  const std::string port = std::to_string(port_);
  for (std::string_view name : kLoopbackNames) {
    if (!starts_with_ignoring_case(host, name)) continue;
    std::string_view rest = host.substr(name.size());
    // Browsers leave out the scheme's default port.
    if (rest.empty() && port_ == 80) return true;
    if (rest.size() == port.size() + 1 && rest[0] == ':' && rest.substr(1) == port) return true;
  }
  return false;
}

bool RequestGuard::is_own_origin(std::string_view origin) const {
  constexpr std::string_view kScheme = "http://";
  return starts_with_ignoring_case(origin, kScheme) && is_own_host(origin.substr(kScheme.size()));
}

bool RequestGuard::is_extension_origin(std::string_view origin) {
  static constexpr std::array<std::string_view, 3> kSchemes{"chrome-extension://", "moz-extension://",
                                                            "safari-web-extension://"};
  return std::any_of(kSchemes.begin(), kSchemes.end(), [origin](std::string_view scheme) {
    return origin.size() > scheme.size() && starts_with_ignoring_case(origin, scheme);
  });
}

bool RequestGuard::has_token(const RequestHead& head, Route route, std::optional<std::string_view> extension) const {
  auto matches = [&](std::string_view candidate) {
    return extension ? installs_.admits(*extension, candidate) : token_.matches(candidate);
  };
  if (route != Route::websocket) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!head.authorization || !starts_with_ignoring_case(*head.authorization, kBearer)) return false;
    return matches(trim(head.authorization->substr(kBearer.size())));
  }
  if (!head.websocket_protocols) return false;
  // A comma-separated list; the token may be any of the offered names.
  bool found = false;
  std::string_view list = *head.websocket_protocols;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view name = trim(list.substr(0, comma));
    if (name.starts_with(kWebSocketTokenPrefix) && matches(name.substr(kWebSocketTokenPrefix.size())))
      found = true;
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return found;
}

std::variant<Admitted, Refusal> RequestGuard::admit(const RequestHead& head) const {
  if (!head.host || !is_own_host(trim(*head.host)))
    return refusal(421, ErrorCode::not_allowed,
                   "the Host header must be 127.0.0.1:" + std::to_string(port_) + ", localhost:" +
                       std::to_string(port_) + " or [::1]:" + std::to_string(port_));
  std::optional<std::string_view> extension;
  if (head.origin) {
    std::string_view origin = trim(*head.origin);
    if (is_extension_origin(origin)) extension = origin;
    else if (!is_own_origin(origin))
      return refusal(403, ErrorCode::not_allowed, "requests from other web pages are not accepted");
  }

  std::string_view path = path_of(head.target);
  Route route = Route::page_file;
  if (path == "/token") {
    if (head.method != "POST") return refusal(405, ErrorCode::bad_request, "/token takes POST");
    route = Route::token_exchange;
  } else if (path == "/pair") {
    if (head.method != "POST") return refusal(405, ErrorCode::bad_request, "/pair takes POST");
    route = Route::pairing;
  } else if (path == "/installs") {
    if (head.method != "POST") return refusal(405, ErrorCode::bad_request, "/installs takes POST");
    route = Route::installs;
  } else if (path == "/api") {
    if (head.method != "POST") return refusal(405, ErrorCode::bad_request, "/api takes POST");
    route = Route::api;
  } else if (path == "/ws") {
    if (head.method != "GET") return refusal(405, ErrorCode::bad_request, "/ws takes GET");
    if (!head.websocket_upgrade) return refusal(426, ErrorCode::bad_request, "/ws is a WebSocket endpoint");
    route = Route::websocket;
  } else if (head.method != "GET") {
    return refusal(405, ErrorCode::bad_request, "the dashboard's files take GET");
  }

  bool extension_route = route == Route::pairing || route == Route::api || route == Route::websocket;
  if (extension && !extension_route)
    return refusal(403, ErrorCode::not_allowed, "a browser extension may only pair and send requests (/pair, /api, /ws)");
  if (!extension && route == Route::pairing)
    return refusal(403, ErrorCode::not_allowed, "pairing is for browser extensions (an extension's Origin)");
  if ((route == Route::api || route == Route::installs || route == Route::websocket) && !has_token(head, route, extension))
    return refusal(401, ErrorCode::not_allowed,
                   route != Route::websocket ? "missing or wrong token (Authorization: Bearer <token>)"
                                             : "missing or wrong token (WebSocket subprotocol cookiewarden.token.<token>)");
  return Admitted{route, std::string(path)};
}

}  // namespace cookiewarden::serve
