// Test support for Firefox's session restore files: a copy of the session files Firefox ESR wrote
// (fixtures/firefox-session-restore, SESSION-FIXTURES.md), and their JSON read and written
// through mozLz4.
#pragma once

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "store_fixtures.h"
#include "stores/mozlz4.h"

namespace cookiewarden::test {

using SessionJson = nlohmann::ordered_json;  // ordered: a rewrite must keep Firefox's key order

inline const fs::path kSessionFixture = fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/firefox-session-restore";

// The session files into `profile` (sessionstore.jsonlz4 and sessionstore-backups/).
inline fs::path copy_session_files(const fs::path& profile) { return copy_fixture_folder(kSessionFixture, profile); }

inline SessionJson session_of(const fs::path& file) {
  std::string bytes = file_bytes(file);
  auto json = decode_mozlz4(std::string_view(bytes));
  REQUIRE_MESSAGE(json.ok(), json.detail());
  return SessionJson::parse(*json);
}

inline void write_session(const fs::path& file, const SessionJson& session) {
  auto encoded = encode_mozlz4(session.dump());
  REQUIRE_MESSAGE(encoded.ok(), encoded.detail());
  write_file(file, *encoded);
}

}  // namespace cookiewarden::test
