// GET /ws after the guard admitted it: the WebSocket handshake (answering the "cookiewarden"
// subprotocol) and then requests in, replies out, each text message one request. Replies come
// back in the order the commands finish, which is the order they were sent (one command thread);
// the id ties each to its request. A command that walks profiles first sends its progress
// messages ({"id","progress"}, protocol/message.h) with the same id. Messages over the 1 MiB
// request cap close the socket (1009).
#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "serve/server_state.h"

namespace cookiewarden::serve {

void start_websocket_session(boost::beast::tcp_stream stream,
                             boost::beast::http::request<boost::beast::http::string_body> upgrade,
                             ServerState& state);

}  // namespace cookiewarden::serve
