#include "serve/loopback_server.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/signal_set.hpp>

#include "platform/stop_request.h"
#include "serve/http_connection.h"
#include "serve/server_state.h"

namespace cookiewarden::serve {
namespace {

using boost::asio::ip::tcp;

#if defined(_WIN32)
// Windows lets another socket that sets SO_REUSEADDR bind a port already bound (and take its
// connections); SO_EXCLUSIVEADDRUSE refuses that. A restart can bind again at once anyway.
using exclusive_address_use = boost::asio::detail::socket_option::boolean<SOL_SOCKET, SO_EXCLUSIVEADDRUSE>;
#endif

constexpr int kEphemeralAttempts = 8;

// A listening acceptor on address:port, or the error that prevented it.
boost::system::error_code listen(tcp::acceptor& acceptor, const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec && endpoint.address().is_v6()) acceptor.set_option(boost::asio::ip::v6_only(true), ec);
#if defined(_WIN32)
  if (!ec) acceptor.set_option(exclusive_address_use(true), ec);
#else
  // A fixed --port can be reused at once after a restart (connections in TIME_WAIT); on POSIX
  // this never lets another socket bind a port that is listening.
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
#endif
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) acceptor.close();
  return ec;
}

// The port is in use on that address, as opposed to the machine having no IPv6 loopback
// (address not available, address family not supported).
bool taken_by_another(const boost::system::error_code& ec) {
  return ec == boost::asio::error::address_in_use || ec == boost::asio::error::access_denied;
}

void accept_next(tcp::acceptor& acceptor, ServerState& state) {
  acceptor.async_accept([&acceptor, &state](boost::system::error_code ec, tcp::socket socket) {
    if (ec == boost::asio::error::operation_aborted || !acceptor.is_open()) return;
    // A failed accept (a client that reset at once, too many open files) ends that client only.
    if (!ec) start_http_connection(std::move(socket), state);
    accept_next(acceptor, state);
  });
}

}  // namespace

LoopbackServer::LoopbackServer(std::unique_ptr<ServerState> state) : state_(std::move(state)) {}

LoopbackServer::~LoopbackServer() {
  // The command thread posts its replies to the I/O context: it must be gone first.
  state_->command_thread.stop();
  state_->command_thread.join();
}

warden::Result<std::unique_ptr<LoopbackServer>> LoopbackServer::open(std::uint16_t port, AccessToken token,
                                                                     protocol::CommandContext& ctx,
                                                                     std::span<const protocol::Command> commands,
                                                                     PairedInstalls installs) {
  auto state = std::make_unique<ServerState>(ctx, commands, std::move(installs));
  for (int attempt = 1;; ++attempt) {
    tcp::acceptor v4(state->io);
    if (auto ec = listen(v4, {boost::asio::ip::address_v4::loopback(), port}))
      return {warden::Status::unsupported, "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + ec.message()};
    std::uint16_t bound = v4.local_endpoint().port();
    tcp::acceptor v6(state->io);
    auto ec = listen(v6, {boost::asio::ip::address_v6::loopback(), bound});
    if (taken_by_another(ec)) {
      if (port == 0 && attempt < kEphemeralAttempts) continue;  // this free port was half free
      return {warden::Status::unsupported, "cannot listen on [::1]:" + std::to_string(bound) + ": " + ec.message() +
                                               " (another program has it; a browser asking for localhost would reach "
                                               "that program: choose another --port)"};
    }
    state->port = bound;
    state->acceptors.push_back(std::move(v4));
    if (!ec) state->acceptors.push_back(std::move(v6));  // else no IPv6 loopback here
    break;
  }
  state->installs.serve_on(state->port);  // the port the next pairing saves
  state->guard.emplace(std::move(token), state->port, state->installs);
  return std::unique_ptr<LoopbackServer>(new LoopbackServer(std::move(state)));
}

std::uint16_t LoopbackServer::port() const { return state_->port; }

std::vector<std::string> LoopbackServer::addresses() const {
  std::vector<std::string> addresses;
  for (const tcp::acceptor& acceptor : state_->acceptors)
    addresses.push_back(acceptor.local_endpoint().address().to_string());
  return addresses;
}

warden::Result<std::string> LoopbackServer::issue_code(std::function<void()> on_redeemed) {
  return state_->codes.issue(OneTimeCodes::Clock::now(), std::move(on_redeemed));
}

void LoopbackServer::run(bool stop_on_signals) {
  for (tcp::acceptor& acceptor : state_->acceptors) accept_next(acceptor, *state_);
  boost::asio::signal_set signals(state_->io);
  if (stop_on_signals) {
    // The same signals as a deletion from the CLI (platform/stop_request.h): a deletion running
    // on the command thread finishes the store in hand and reports the rest as interrupted.
    signals.add(SIGINT);
    signals.add(SIGTERM);
#if !defined(_WIN32)
    signals.add(SIGHUP);
#endif
    signals.async_wait([this](boost::system::error_code ec, int) {
      if (ec) return;
      request_stop();
      stop();
    });
  }
  state_->io.run();
}

void LoopbackServer::stop() {
  state_->command_thread.stop();
  state_->io.stop();
}

}  // namespace cookiewarden::serve
