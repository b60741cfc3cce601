#include "protocol/native_host.h"

#include <iostream>

#if defined(_WIN32)
#include <fcntl.h>
#include <io.h>
#endif

#include "platform/executable_path.h"
#include "platform/stop_request.h"
#include "protocol/session.h"

namespace cookiewarden::protocol {

int run_native_host(const Caller& caller) {
#if defined(_WIN32)
  // Text mode would turn 0x0A in a length or body into CR LF.
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
#endif
  // When the browser closes the port mid-reply, the write must fail (and the session end with
  // exit code 1) instead of SIGPIPE killing the process; SIGTERM (how browsers end a host) lets
  // the store being edited finish. A port closed without a signal stops it the same way
  // (run_session watches stdin for the hang-up).
  install_stop_handlers();
  // Unsynchronised iostreams are buffered, so a frame body arrives in a few large reads.
  std::ios::sync_with_stdio(false);
  Environment env = Environment::current();
  if (auto refusal = check_caller(caller, env, executable_path())) return refuse_session(std::cin, std::cout, *refusal);
  CommandContext ctx{env, warden::PublicSuffixList::builtin()};
  return run_session(std::cin, std::cout, ctx, protocol_commands(), {}, /*port_fd=*/0);
}

}  // namespace cookiewarden::protocol
