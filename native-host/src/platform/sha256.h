// SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits. What `serve` keeps of each
// paired extension's token instead of the token itself (serve/paired_installs.h). Written here
// because nothing the host already links (SQLite, Boost.Beast's SHA-1) offers it, on every
// platform the host builds for.
#pragma once

#include <string>
#include <string_view>

namespace cookiewarden {

std::string sha256_hex(std::string_view bytes);

}  // namespace cookiewarden
