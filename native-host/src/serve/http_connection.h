// One accepted TCP connection: HTTP/1.1 requests (keep-alive) read head first, judged by the
// RequestGuard before any body is read, then the page file, the /api exchange or the hand-over to
// a WebSocket session. Bodies are capped at the protocol's 1 MiB (413 without reading them);
// anything unparsable is a 400 with the protocol's error shape; idle connections time out.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include "serve/server_state.h"

namespace cookiewarden::serve {

void start_http_connection(boost::asio::ip::tcp::socket socket, ServerState& state);

}  // namespace cookiewarden::serve
