#include "serve/websocket_session.h"

#include <deque>
#include <memory>
#include <string>

#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace cookiewarden::serve {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

class WebSocketSession : public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(beast::tcp_stream stream, ServerState& state) : ws_(std::move(stream)), state_(state) {}

  void accept(http::request<http::string_body> upgrade) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    // The browser fails the connection unless we pick one of the subprotocols it offered.
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
      response.set(http::field::sec_websocket_protocol, std::string(kWebSocketProtocol));
    }));
    ws_.read_message_max(protocol::kMaxRequestBytes);
    ws_.async_accept(upgrade, [self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->read();
    });
  }

 private:
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      // Closed, timed out or a message over the cap (Beast has then sent close 1009): done.
      if (ec) return;
      self->on_message();
    });
  }

  void on_message() {
    std::string body = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    // Progress messages travel the same queue, so they reach the page before the reply.
    auto self = shared_from_this();
    state_.answer(
        std::move(body), [self](ApiReply reply) { self->queue(std::move(reply.text)); },
        [self](std::string progress) { self->queue(std::move(progress)); });
    read();
  }

  // One write at a time on a WebSocket: replies wait their turn.
  void queue(std::string message) {
    outbox_.push_back(std::move(message));
    if (outbox_.size() == 1) write_next();
  }

  void write_next() {
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->outbox_.pop_front();
      if (!self->outbox_.empty()) self->write_next();
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;
  ServerState& state_;
};

}  // namespace

void start_websocket_session(beast::tcp_stream stream, http::request<http::string_body> upgrade, ServerState& state) {
  std::make_shared<WebSocketSession>(std::move(stream), state)->accept(std::move(upgrade));
}

}  // namespace cookiewarden::serve
