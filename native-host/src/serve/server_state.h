// What every connection of the loopback server shares: the I/O context, the command thread, the
// guard and the commands. Internal to serve/ (it brings in Boost.Asio).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include "protocol/command.h"
#include "serve/api_exchange.h"
#include "serve/one_time_codes.h"
#include "serve/paired_installs.h"
#include "serve/pairing_codes.h"
#include "serve/request_guard.h"

namespace cookiewarden::serve {

class ServerState {
 public:
  ServerState(protocol::CommandContext& ctx, std::span<const protocol::Command> commands, PairedInstalls installs)
      : installs(std::move(installs)), ctx_(ctx), commands_(commands) {}

  // Answers `body` on the command thread, then calls `deliver` with the reply on the I/O thread.
  // `progress`, when set, gets the command's progress messages on the I/O thread, before `deliver`.
  void answer(std::string body, std::function<void(ApiReply)> deliver, ProgressText progress = {});

  boost::asio::io_context io{1};
  boost::asio::thread_pool command_thread{1};
  std::vector<boost::asio::ip::tcp::acceptor> acceptors;
  std::uint16_t port = 0;
  PairedInstalls installs;            // before the guard, which reads it
  std::optional<RequestGuard> guard;  // set once the port is known
  OneTimeCodes codes;
  PairingCodes pairing_codes;

 private:
  protocol::CommandContext& ctx_;
  std::span<const protocol::Command> commands_;
};

}  // namespace cookiewarden::serve
