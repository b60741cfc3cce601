// One accepted TCP connection: HTTP/1.1 requests (keep-alive) read head first, judged by the
// RequestGuard before any body is read, then the page file, the /api exchange or the hand-over to
// a WebSocket session. Bodies are capped at the protocol's 1 MiB (413 without reading them);
// anything unparsable is a 400 with the protocol's error shape; idle connections time out.
#pragma once

#include <cstdint>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "serve/server_state.h"

namespace cookiewarden::serve {

inline constexpr std::uint32_t kMaxHeaderBytes = 16 * 1024;

// What the guard judges of a parsed request. A header sent twice reads as "" (which no check
// accepts), so a proxy in front and this server can never disagree about which copy counts.
// The views point into `request`.
RequestHead request_head(const boost::beast::http::request<boost::beast::http::string_body>& request);

void start_http_connection(boost::asio::ip::tcp::socket socket, ServerState& state);

}  // namespace cookiewarden::serve
