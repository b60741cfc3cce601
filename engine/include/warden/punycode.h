// Punycode (RFC 3492) and the IDNA ASCII form ("xn--" labels) of a domain name.
//
// The engine only ever sees ASCII hosts (browsers punycode IDNs, the CLI converts with libidn2),
// but rule data such as the public suffix list writes IDN rules in Unicode. This converts such
// data once, at compile time. It performs no Unicode mapping or normalisation (UTS #46): the
// input must already be in mapped form (lower-case, NFC), which is how the PSL is written.
#pragma once

#include <string>
#include <string_view>

#include "warden/status.h"

namespace warden {

// Encodes a UTF-8 string as Punycode, without the "xn--" prefix (RFC 3492 section 6.3).
// Invalid UTF-8 is Status::invalid_argument.
Result<std::string> punycode_encode(std::string_view utf8);

// Converts each non-ASCII label of a dot-separated UTF-8 name to "xn--" + Punycode; ASCII labels
// are only lower-cased.
Result<std::string> domain_to_ascii(std::string_view utf8_domain);

}  // namespace warden
