// The rule data the product ships, compiled into the engine library.
//
// The text is embedded at build time from engine/rules/ (see engine/cmake/embed_default_rules.cmake),
// so the engine needs no file I/O to build its default configuration and a WASM module is
// self-contained. Both views point into static storage and stay valid for the program's lifetime.
#pragma once

#include <string_view>

namespace warden {

// engine/rules/vendors.json: parse with parse_vendor_database() (vendor_database.h).
std::string_view default_vendor_database_json();
// engine/rules/open-cookie-database.csv: import with import_open_cookie_database() (open_cookie_database.h).
std::string_view default_open_cookie_database_csv();

}  // namespace warden
