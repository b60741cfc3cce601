#include "serve/http_connection.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <nlohmann/json.hpp>

#include "serve/dashboard_files.h"
#include "serve/installs_exchange.h"
#include "serve/websocket_session.h"

namespace cookiewarden::serve {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using protocol::ErrorCode;

constexpr auto kIdleTimeout = std::chrono::seconds(30);

std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

template <class Fields>
std::optional<std::string_view> single_header(const Fields& fields, http::field name) {
  auto it = fields.find(name);
  if (it == fields.end()) return std::nullopt;
  if (fields.count(name) > 1) return std::string_view{};
  return view(it->value());
}

// The page may talk to this server only; nothing else may frame it or learn where it came from.
std::string page_policy(std::string_view host) {
  return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' ws://" +
         std::string(host) + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

}  // namespace

RequestHead request_head(const http::request<http::string_body>& request) {
  return {view(request.method_string()),
          view(request.target()),
          single_header(request, http::field::host),
          single_header(request, http::field::origin),
          single_header(request, http::field::authorization),
          single_header(request, http::field::sec_websocket_protocol),
          beast::websocket::is_upgrade(request)};
}

namespace {

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(boost::asio::ip::tcp::socket socket, ServerState& state) : stream_(std::move(socket)), state_(state) {}

  void read_head() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(protocol::kMaxRequestBytes);
    stream_.expires_after(kIdleTimeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_head(ec); });
  }

 private:
  using Response = http::response<http::string_body>;

  void on_head(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    const auto& request = parser_->get();
    auto decision = state_.guard->admit(request_head(request));
    if (auto* refusal = std::get_if<Refusal>(&decision))
      return send_error(refusal->status, {refusal->code, refusal->message}, /*keep_alive=*/false);
    const Admitted& admitted = std::get<Admitted>(decision);
    switch (admitted.route) {
      case Route::page_file: return send_page_file(admitted.path);
      case Route::websocket: return upgrade();
      case Route::token_exchange:
      case Route::pairing:
      case Route::installs:
      case Route::api: route_ = admitted.route; return read_body();
    }
  }

  void on_read_error(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == boost::asio::error::eof ||
        ec == boost::asio::error::operation_aborted || ec == boost::asio::error::connection_reset)
      return close();
    if (ec == http::error::body_limit)
      return send_error(413, {ErrorCode::too_large, "a request over " + std::to_string(protocol::kMaxRequestBytes) + " bytes"}, false);
    if (ec == http::error::header_limit)
      return send_error(431, {ErrorCode::too_large, "request headers over " + std::to_string(kMaxHeaderBytes) + " bytes"}, false);
    send_error(400, {ErrorCode::bad_request, "not an HTTP/1.1 request: " + ec.message()}, false);
  }

  void read_body() {
    // curl and other clients hold a larger body back until told to go on (RFC 9110 §10.1.1).
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      interim_ = std::make_unique<http::response<http::empty_body>>(http::status::continue_, 11);
      return http::async_write(stream_, *interim_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        self->interim_.reset();
        if (ec) return self->close();
        self->read_rest();
      });
    }
    read_rest();
  }

  void read_rest() {
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->on_read_error(ec);
      switch (self->route_) {
        case Route::token_exchange: return self->exchange_code();
        case Route::pairing:
        case Route::installs: return self->answer_pairing_request();
        default: return self->run_request();
      }
    });
  }

  void run_request() {
    bool keep_alive = parser_->get().keep_alive();
    std::string body = std::move(parser_->get().body());
    // No read while the command runs: HTTP/1.1 answers in order, and the idle timer must not
    // cut a long deletion short.
    stream_.expires_never();
    state_.answer(std::move(body), [self = shared_from_this(), keep_alive](ApiReply reply) {
      self->send(self->json_response(reply.status, std::move(reply.text)), keep_alive);
    });
  }

  // {"code": "<one-time code>"} → {"token": "<access token>"}, or 401 for a used, expired or
  // unknown code. Quick and without side effects but the code's: answered on the I/O thread.
  void exchange_code() {
    bool keep_alive = parser_->get().keep_alive();
    auto request = nlohmann::json::parse(parser_->get().body(), nullptr, /*allow_exceptions=*/false);
    if (!request.is_object() || !request.contains("code") || !request["code"].is_string())
      return send_error(400, {ErrorCode::invalid_argument, "expected {\"code\": \"...\"}"}, keep_alive);
    if (!state_.codes.redeem(request["code"].get<std::string>(), OneTimeCodes::Clock::now()))
      return send_error(401, {ErrorCode::not_allowed, "this dashboard link was already used or has expired"}, keep_alive);
    nlohmann::json reply = {{"token", state_.guard->token().text()}};
    send(json_response(200, reply.dump()), keep_alive);
  }

  // Quick, and touching only the pairing state the I/O thread owns: answered here.
  void answer_pairing_request() {
    bool keep_alive = parser_->get().keep_alive();
    const std::string& body = parser_->get().body();
    PairingClock clock{PairingCodes::Clock::now(), std::chrono::duration_cast<std::chrono::seconds>(
                                                       std::chrono::system_clock::now().time_since_epoch())
                                                       .count()};
    ApiReply reply = route_ == Route::installs
                         ? answer_installs(body, state_.installs, state_.pairing_codes, clock)
                         : answer_pairing(body, *request_head(parser_->get()).origin, state_.installs,
                                          state_.pairing_codes, clock);
    send(json_response(reply.status, std::move(reply.text)), keep_alive);
  }

  void upgrade() {
    stream_.expires_never();  // the WebSocket session sets its own timeouts
    start_websocket_session(std::move(stream_), parser_->release(), state_);
  }

  void send_page_file(const std::string& path) {
    auto file = dashboard_file(path);
    bool keep_alive = parser_->get().keep_alive() && parser_->is_done();
    if (!file) return send_error(404, {ErrorCode::not_found, "no page file " + path}, keep_alive);
    Response response{http::status::ok, 11};
    response.set(http::field::content_type, file->content_type);
    response.set("Content-Security-Policy", page_policy(*request_head(parser_->get()).host));
    response.set("Referrer-Policy", "no-referrer");
    response.set("X-Frame-Options", "DENY");
    response.body() = std::string(file->body);
    send(std::move(response), keep_alive);
  }

  Response json_response(unsigned status, std::string text) {
    Response response{static_cast<http::status>(status), 11};
    response.set(http::field::content_type, "application/json");
    response.body() = std::move(text);
    return response;
  }

  void send_error(unsigned status, const protocol::Error& error, bool keep_alive) {
    send(json_response(status, refusal_reply(error)), keep_alive);
  }

  void send(Response response, bool keep_alive) {
    response.set(http::field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.keep_alive(keep_alive);
    response.prepare_payload();
    response_ = std::make_unique<Response>(std::move(response));
    stream_.expires_after(kIdleTimeout);
    http::async_write(stream_, *response_, [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
      self->response_.reset();
      if (ec || !keep_alive) return self->close();
      self->read_head();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Route route_ = Route::api;
  std::unique_ptr<Response> response_;
  std::unique_ptr<http::response<http::empty_body>> interim_;
  ServerState& state_;
};

}  // namespace

void start_http_connection(boost::asio::ip::tcp::socket socket, ServerState& state) {
  std::make_shared<HttpConnection>(std::move(socket), state)->read_head();
}

}  // namespace cookiewarden::serve
