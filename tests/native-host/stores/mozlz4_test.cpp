#include "stores/mozlz4.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "../support/store_fixtures.h"

using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

fs::path real_session_file() {
  return fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/firefox-session-restore/sessionstore.jsonlz4";
}

// A deterministic mix of repeated and varied text, the kind of content session files hold.
std::string sample_content(std::size_t size) {
  std::string text;
  std::uint32_t state = 12345;
  while (text.size() < size) {
    state = state * 1103515245 + 12345;
    text += (state >> 16) % 3 ? "{\"url\":\"https://www.example.test/\"}," : std::to_string(state);
  }
  text.resize(size);
  return text;
}

std::string with_size_header(std::string file, std::uint32_t size) {
  for (int i = 0; i < 4; ++i) file[8 + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  return file;
}

}  // namespace

TEST_CASE("mozlz4: round trip of empty, small and multi-megabyte content") {
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{100}, std::size_t{70000}, std::size_t{3} << 20}) {
    std::string content = sample_content(size);
    auto file = encode_mozlz4(content);
    REQUIRE(file.ok());
    CHECK(file->substr(0, 8) == kMozLz4Magic);
    auto back = decode_mozlz4(std::string_view(*file));
    REQUIRE_MESSAGE(back.ok(), back.detail());
    CHECK(*back == content);
  }
}

TEST_CASE("mozlz4: decodes a sessionstore.jsonlz4 written by Firefox ESR, and re-encodes it") {
  std::string file = file_bytes(real_session_file());
  REQUIRE(file.size() > 12);
  auto json = decode_mozlz4(std::string_view(file));
  REQUIRE_MESSAGE(json.ok(), json.detail());
  CHECK(json->starts_with("{\"version\":[\"sessionrestore\",1]"));
  CHECK(json->ends_with("}"));
  auto again = encode_mozlz4(*json);
  REQUIRE(again.ok());
  auto back = decode_mozlz4(std::string_view(*again));
  REQUIRE(back.ok());
  CHECK(*back == *json);
}

TEST_CASE("mozlz4: every malformed file is an error value") {
  std::string good = encode_mozlz4(sample_content(5000)).value();
  auto rejected = [](std::string_view file) {
    auto result = decode_mozlz4(file);
    return !result.ok() && result.status() == warden::Status::invalid_argument && !result.detail().empty();
  };
  CHECK(rejected(""));
  CHECK(rejected(std::string_view("mozLz40\0", 8)));
  CHECK(rejected(good.substr(0, 11)));                                  // header cut short
  CHECK(rejected("mozLz41" + good.substr(7)));                          // wrong magic
  CHECK(rejected(std::string(12, '\0')));
  CHECK(rejected(with_size_header(good, 5001)));                        // header claims more than the block holds
  CHECK(rejected(with_size_header(good, 4999)));                        // less: the safe decoder runs out of room
  CHECK(rejected(with_size_header(good, 0)));
  CHECK(rejected(with_size_header(good, 0xFFFFFFFFu)));                 // lying size, over the limit: no huge allocation
  CHECK(rejected(with_size_header(good, kMaxMozLz4Size + 1)));
  CHECK(rejected(good.substr(0, good.size() - 1)));                     // truncated block
  CHECK(rejected(good.substr(0, 20)));
  std::string garbage = good.substr(0, 12) + std::string(200, '\xFF');  // not an LZ4 block
  CHECK(rejected(garbage));
  CHECK(rejected(good.substr(0, 12)));                                  // no block at all
}

TEST_CASE("mozlz4: a header at the limit is accepted only with a block that really holds that much") {
  std::string header = std::string(kMozLz4Magic) + "\0\0\0\0";
  auto lying = decode_mozlz4(with_size_header(header + std::string("\x10" "a"), kMaxMozLz4Size));
  CHECK_FALSE(lying.ok());
}
