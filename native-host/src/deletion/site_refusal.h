// What the host refuses to treat as a site, before anything is read or deleted. Deleting "com"
// would reach every site under it, and an extension id looks like a host but names an
// extension's storage, which lives in every profile; neither is a site a person means.
//
// Accepted: a host whose registrable domain the ICANN part of the Public Suffix List gives
// (example.com, and carrd.co or github.io, which are suffixes only in the list's PRIVATE part and
// are sites of their own there: they then match only themselves), IP literals and localhost.
// Refused: a public suffix of the ICANN part (com, co.uk, a wildcard match such as foo.ck), any
// other single label (test, intranet), a Chromium extension id, a Firefox add-on UUID, and any
// scheme other than http, https, ws and wss.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cookiewarden {

// The scheme of "scheme:rest" input in lower case, or empty for a bare host ("example.com",
// "localhost:8080", an IPv6 literal).
std::string input_scheme(std::string_view input);

// Why a scheme's URLs hold no site data the host deletes, or nothing for http(s) and ws(s).
std::optional<std::string> scheme_refusal(std::string_view scheme, std::string_view input);

// Why a normalised host (lower-case ASCII, no brackets) is not a site, or nothing when it is one.
std::optional<std::string> host_refusal(std::string_view host, std::string_view input);

}  // namespace cookiewarden
