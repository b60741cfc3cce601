#include <charconv>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "protocol/command.h"
#include "serve/browser_launch.h"
#include "serve/launch_page.h"
#include "serve/loopback_server.h"
#include "serve/one_time_codes.h"
#include "serve/paired_installs.h"

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
  std::optional<std::uint16_t> fixed_port;
  if (auto text = parsed->value("--port")) {
    fixed_port = parse_port(*text);
    if (!fixed_port) {
      io.err << "cookiewarden serve: --port takes a number from 0 to 65535, not '" << *text << "'\n";
      return kExitUsage;
    }
  }
  auto token = serve::AccessToken::generate();
  if (!token.ok()) {
    io.err << "cookiewarden serve: " << token.detail() << "\n";
    return kExitFailure;
  }
  Environment env = Environment::current();
  protocol::CommandContext ctx{env, warden::PublicSuffixList::builtin()};
  std::unique_ptr<serve::LaunchPage> page;  // outlives the server, whose code removes it
  auto installs = serve::PairedInstalls::load(serve::paired_installs_file(env));
  if (!installs.ok()) {
    io.err << "cookiewarden serve: " << installs.detail() << "\n";
    return kExitFailure;
  }
  // Without --port, the port the paired extensions know, so they reach serve again without pairing anew.
  std::optional<std::uint16_t> paired_port = fixed_port ? std::nullopt : installs->paired_port();
  std::uint16_t port = fixed_port.value_or(paired_port.value_or(0));
  auto server = serve::LoopbackServer::open(port, *token, ctx, protocol::protocol_commands(), *installs);
  if (!server.ok() && paired_port) {
    // Another program took the paired port: serve anyway, and say what the extensions need.
    io.err << "cookiewarden serve: " << server.detail() << "\n";
    server = serve::LoopbackServer::open(0, *token, ctx, protocol::protocol_commands(), *installs);
    if (server.ok())
      io.err << "cookiewarden serve: the paired browser extensions know port " << port << ", not "
             << (*server)->port() << ": stop what holds port " << port
             << " and restart serve, or pair them again from the dashboard\n";
  }
  if (!server.ok()) {
    io.err << "cookiewarden serve: " << server.detail() << "\n";
    return kExitFailure;
  }
  auto code = (*server)->issue_code([&page] {
    if (page) page->remove();
  });
  if (!code.ok()) {
    io.err << "cookiewarden serve: " << code.detail() << "\n";
    return kExitFailure;
  }
  // Only a one-time code ever leaves the process: the page trades it for the token (POST /token).
  // It rides in the fragment, which browsers never send to a server, a log or a Referer.
  std::string link = "http://127.0.0.1:" + std::to_string((*server)->port()) + "/#code=" + *code;
  io.out << "cookiewarden serve: listening on " << listening_line(**server) << "\n";
  if (parsed->has("--no-open")) {
    io.out << "Dashboard (this link works once, within " << serve::kCodeLifetime.count() << " minutes): " << link << "\n";
  } else {
    auto created = serve::LaunchPage::create(link);
    if (!created.ok()) {
      io.err << "cookiewarden serve: " << created.detail() << " (--no-open prints a link instead)\n";
      return kExitFailure;
    }
    page = std::move(created).value();
    io.out << "Dashboard: opening " << page->path().string() << " (it works once, within "
           << serve::kCodeLifetime.count() << " minutes)\n";
    if (!serve::open_in_browser(page->path().string()))
      io.err << "cookiewarden serve: could not start a browser; open the file above in yours\n";
  }
  io.out << "Anyone who opens it first can delete site data in your browsers: do not share it. Ctrl-C stops the server."
         << std::endl;
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
    "  POST /token {\"code\"} → {\"token\"}: a one-time code traded for the token\n"
    "  POST /installs  the dashboard's pairing code, list and revoke of paired extensions\n"
    "  POST /pair  {\"code\"} → {\"install\",\"token\"}: a browser extension trades the dashboard's\n"
    "              pairing code for a token of its own (then /api and /ws from its origin only)\n"
    "A new random token is made at every start and never printed or passed on a command line: the\n"
    "browser opener gets the path of a private page (0600, removed once used or at exit) that leads\n"
    "to the dashboard with a one-time code, which the page trades for the token. A code works once,\n"
    "within 10 minutes. Requests without the token get 401; a Host header other than\n"
    "127.0.0.1/localhost/[::1]:PORT gets 421 (DNS rebinding); an Origin other than the dashboard's or\n"
    "a browser extension's gets 403; bodies over 1 MiB get 413. A fixed port already taken on\n"
    "127.0.0.1 or [::1] is an error.\n"
    "Paired extensions are kept in $XDG_STATE_HOME/cookiewarden/paired-extensions.json (0600); a pairing\n"
    "code works once, within 5 minutes, and 5 wrong tries void it. The file keeps each extension's\n"
    "token as its SHA-256 only, and the port of the last pairing: without --port, serve listens on\n"
    "that port again so paired extensions find it after a restart (if another program holds it,\n"
    "serve takes a free port and says so: pair again, or free the port and restart).\n\n"
    "  --port N    listen on port N (default: the paired extensions' port, else a free port\n"
    "              chosen by the system)\n"
    "  --no-open   do not open a browser: print a one-time dashboard link instead\n",
    run_serve};

}  // namespace cookiewarden::cli
