// URLs and hosts as the engine sees them.
//
// Browsers hand the engine ASCII hosts (IDNs already in punycode); Unicode input is rejected here
// and converted at the CLI boundary with libidn2 (UTS #46), never by hand. Malformed input is an
// error value, never undefined behaviour.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "warden/status.h"

namespace warden {

struct Url {
  std::string scheme;      // lower-case, without ':' ("https")
  std::string host;        // lower-case ASCII, trailing dot removed, IPv6 without brackets
  std::uint16_t port = 0;  // 0 when the URL names none
  std::string path;        // from the first '/' up to the fragment, query included; "/" when empty
  bool host_is_ip = false;
};

// Parses an absolute URL with an authority (http, https, ws, wss, ...). The overload taking `out`
// reuses its string capacity, so a caller that parses many URLs does not allocate per URL.
Status parse_url(std::string_view text, Url& out);
Result<Url> parse_url(std::string_view text);

// Lower-cases, removes one trailing dot and the port, strips IPv6 brackets, validates characters
// and label lengths. `out` is overwritten; on error it is left empty.
Status normalize_host(std::string_view host, std::string& out);
Result<std::string> normalize_host(std::string_view host);

// True for dotted-quad IPv4 and for IPv6 (bracketed or not).
bool is_ip_literal(std::string_view host);

}  // namespace warden
