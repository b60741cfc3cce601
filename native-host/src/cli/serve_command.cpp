#include <charconv>
#include <optional>
#include <ostream>
#include <string>

#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "protocol/command.h"
#include "serve/browser_launch.h"
#include "serve/loopback_server.h"

namespace cookiewarden::cli {
namespace {

// 0 (any free port) to 65535; nullopt for anything else.
std::optional<std::uint16_t> parse_port(const std::string& text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

std::string listening_line(const serve::LoopbackServer& server) {
  std::string line;
  for (const std::string& address : server.addresses()) {
    if (!line.empty()) line += " and ";
    line += (address.find(':') == std::string::npos ? address : "[" + address + "]") + ":" + std::to_string(server.port());
  }
  return line;
}

int run_serve(std::span<const std::string_view> args, Io io) {
  auto parsed = Arguments::parse(args, {{"--no-open"}, {"--port"}, 0});
  if (!parsed.ok()) {
    io.err << "cookiewarden serve: " << parsed.detail() << "\n";
    return kExitUsage;
  }
  std::uint16_t port = 0;
  if (auto text = parsed->value("--port")) {
    auto value = parse_port(*text);
    if (!value) {
      io.err << "cookiewarden serve: --port takes a number from 0 to 65535, not '" << *text << "'\n";
      return kExitUsage;
    }
    port = *value;
  }
  auto token = serve::AccessToken::generate();
  if (!token.ok()) {
    io.err << "cookiewarden serve: " << token.detail() << "\n";
    return kExitFailure;
  }
  Environment env = Environment::current();
  protocol::CommandContext ctx{env, warden::PublicSuffixList::builtin()};
  std::string secret = token->text();
  auto server = serve::LoopbackServer::open(port, std::move(token).value(), ctx, protocol::protocol_commands());
  if (!server.ok()) {
    io.err << "cookiewarden serve: " << server.detail() << "\n";
    return kExitFailure;
  }
  // The token rides in the fragment: browsers never send it to a server, log or Referer.
  std::string url = "http://127.0.0.1:" + std::to_string((*server)->port()) + "/#token=" + secret;
  io.out << "cookiewarden serve: listening on " << listening_line(**server) << "\n"
         << "Dashboard: " << url << "\n"
         << "Anyone with this link can delete site data in your browsers: do not share it. Ctrl-C stops the server."
         << std::endl;
  if (!parsed->has("--no-open") && !serve::open_in_browser(url))
    io.err << "cookiewarden serve: could not start a browser; open the link above yourself\n";
  (*server)->run(/*stop_on_signals=*/true);
  server.value().reset();  // waits for a deletion in progress to finish
  io.out << "cookiewarden serve: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

extern const CliCommand kServeCommand{
    "serve", "serve the dashboard and the host's commands on a loopback port (HTTP + WebSocket)",
    "Usage: cookiewarden serve [--port N] [--no-open]\n\n"
    "Starts a web server on 127.0.0.1 (and ::1) only, with a dashboard page listing every browser\n"
    "profile of this user, what each holds for a site, and deleting it (preview first). The same\n"
    "commands as the extension's native messaging are served to programs:\n"
    "  POST /api   one request {\"id\",\"cmd\",\"args\"} → its reply; header Authorization: Bearer TOKEN\n"
    "  GET  /ws    WebSocket, one request per text message; subprotocols \"cookiewarden\" and\n"
    "              \"cookiewarden.token.TOKEN\"\n"
    "A new random token is made at every start and printed in the dashboard link (after #token=).\n"
    "Requests without it get 401; a Host header other than 127.0.0.1/localhost/[::1]:PORT gets 421\n"
    "(DNS rebinding); an Origin other than the dashboard's gets 403; bodies over 1 MiB get 413.\n\n"
    "  --port N    listen on port N (default: a free port chosen by the system)\n"
    "  --no-open   do not open the dashboard in the default browser\n",
    run_serve};

}  // namespace cookiewarden::cli
