// Hosts a person types may be Unicode ("bücher.example"); the engine and the browsers' stores
// use the ASCII (punycode) form. The conversion happens here, at the CLI and protocol boundary,
// with libidn2's UTS #46 processing — the same mapping browsers apply.
#pragma once

#include <string>
#include <string_view>

#include "warden/status.h"

namespace cookiewarden {

// ASCII input is returned unchanged (case and all: normalising is the engine's job); anything
// else is mapped with UTS #46 non-transitional processing.
warden::Result<std::string> host_to_ascii(std::string_view host);

// Rewrites the host part of an absolute URL to ASCII when it is not ASCII already.
warden::Result<std::string> url_to_ascii(std::string_view url);

}  // namespace cookiewarden
