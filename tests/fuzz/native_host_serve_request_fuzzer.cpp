// `cookiewarden serve`'s request handling on arbitrary bytes: Beast's parser with the server's
// limits, then the server's own code — request_head (duplicate headers), the RequestGuard and,
// for an admitted /api request, the protocol exchange — as a connection would run them.
// Must never crash, hang or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "serve/api_exchange.h"
#include "serve/http_connection.h"
#include "serve/request_guard.h"

namespace {

using namespace cookiewarden;
namespace http = boost::beast::http;

protocol::CommandResult run_echo(const nlohmann::json& args, protocol::CommandContext&) {
  return protocol::CommandResult::success(args);
}
const protocol::Command kCommands[] = {{"echo", run_echo}};

// The token inputs would need to guess: a seed carries it, so the fuzzer reaches the exchange.
const std::string kToken(64, 'f');

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const serve::PairedInstalls installs =
      serve::PairedInstalls::load("/nonexistent-home/paired-extensions.json").value();
  static const serve::RequestGuard guard(serve::AccessToken::from_text(kToken), 8080, installs);
  static Environment env{Os::linux_, "/nonexistent-home", {}};
  static protocol::CommandContext ctx{env, warden::PublicSuffixList::builtin()};

  http::request_parser<http::string_body> parser;
  parser.header_limit(serve::kMaxHeaderBytes);
  parser.body_limit(protocol::kMaxRequestBytes);
  parser.eager(true);
  boost::beast::error_code ec;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  while (!input.empty() && !ec && !parser.is_done()) {
    std::size_t used = parser.put(boost::asio::buffer(input.data(), input.size()), ec);
    if (used == 0 && !ec) break;  // needs more bytes than the input has
    input.remove_prefix(used);
  }
  if (!parser.is_header_done()) return 0;
  auto decision = guard.admit(serve::request_head(parser.get()));
  auto* admitted = std::get_if<serve::Admitted>(&decision);
  if (admitted && admitted->route == serve::Route::api && parser.is_done())
    (void)serve::answer_request(parser.get().body(), ctx, kCommands);
  return 0;
}
