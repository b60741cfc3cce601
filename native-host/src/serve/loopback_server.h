// `cookiewarden serve`'s server: HTTP and WebSocket on the loopback interface only (127.0.0.1,
// and ::1 when the machine has it), one port, every request through the RequestGuard.
//
//   GET /           the dashboard (dashboard_files.h)
//   POST /token     {"code"} → {"token"}: a one-time code traded for the token (one_time_codes.h)
//   POST /installs  the dashboard's pairing codes and paired extensions (installs_exchange.h)
//   POST /pair      {"code"} → {"install", "token"}: an extension's pairing (pairing_codes.h)
//   POST /api       one request JSON → its reply JSON (api_exchange.h)
//   GET /ws         WebSocket: each text message a request, each answered by its reply
//
// Threads: one thread does all network I/O; commands run one at a time on a second thread, so
// the server keeps answering (and refusing) while a deletion runs, and two deletions never touch
// a profile at once. Boost.Beast stays behind this header.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "protocol/command.h"
#include "serve/access_token.h"
#include "serve/paired_installs.h"
#include "warden/status.h"

namespace cookiewarden::serve {

class ServerState;  // server_state.h

class LoopbackServer {
 public:
  // Binds 127.0.0.1:port (0: an ephemeral port) and ::1 on the same port. A machine without
  // IPv6 loopback is served on 127.0.0.1 alone; [::1]:port held by another program is an error
  // for a fixed port (a browser resolving "localhost" to ::1 would reach that program) and a
  // reason to pick another for port 0. Other programs cannot bind the same port while the
  // server runs (SO_EXCLUSIVEADDRUSE on Windows, where SO_REUSEADDR would let them).
  // `ctx` and `commands` must outlive the server; `installs` are the extensions paired so far.
  static warden::Result<std::unique_ptr<LoopbackServer>> open(std::uint16_t port, AccessToken token,
                                                              protocol::CommandContext& ctx,
                                                              std::span<const protocol::Command> commands,
                                                              PairedInstalls installs);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::uint16_t port() const;
  // "127.0.0.1" and, when bound, "::1".
  std::vector<std::string> addresses() const;

  // A one-time code for POST /token (one_time_codes.h); `on_redeemed` runs on the I/O thread
  // once it is traded.
  warden::Result<std::string> issue_code(std::function<void()> on_redeemed = {});

  // Serves until stop() (from any thread) or, with stop_on_signals, SIGINT/SIGTERM/SIGHUP
  // (Ctrl-C). A command that is running when it stops is finished first; queued ones are dropped.
  // A signal also asks a running deletion to stop after the store in hand (stop_request.h).
  void run(bool stop_on_signals);
  void stop();

 private:
  explicit LoopbackServer(std::unique_ptr<ServerState> state);
  std::unique_ptr<ServerState> state_;
};

}  // namespace cookiewarden::serve
