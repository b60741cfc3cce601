// Strict UTF-8 validation of incoming frames: the browser only ever sends valid UTF-8, so
// anything else is an attack or a bug and is rejected before the JSON parser sees it.
#pragma once

#include <string_view>

namespace cookiewarden::protocol {

// RFC 3629: no overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no
// truncated sequence.
bool is_valid_utf8(std::string_view bytes);

}  // namespace cookiewarden::protocol
