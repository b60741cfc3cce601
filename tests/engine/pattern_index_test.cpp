// The token index's bucket entries (IndexEntry): what they carry lets a lookup reject a pinned
// pattern from the entry alone, without reading its record or text.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "snapshot_layout.h"
#include "warden/engine.h"
#include "warden/engine_builder.h"

using namespace warden;

namespace {

std::vector<std::uint8_t> build(const std::string& list) {
  EngineBuilder b;
  b.add_filter_list("l", list, Category::marketing);
  auto buffer = b.build();
  REQUIRE_MESSAGE(buffer.ok(), buffer.detail());
  return std::move(buffer).value();
}

// The one bucket entry of a list with one pattern.
snapshot::IndexEntry only_entry(const std::vector<std::uint8_t>& buffer) {
  const auto entries = snapshot::table_of<snapshot::kPatternIndex, snapshot::IndexEntry>(buffer);
  REQUIRE(entries.size() == 1);
  return entries[0];
}

std::string after_bytes(const snapshot::IndexEntry& e) {
  std::string out;
  for (std::uint8_t c : e.after) out += c == 0 ? '_' : static_cast<char>(c);
  return out;
}

Category classify(const Engine& e, std::string_view url) {
  auto c = e.classify(Request{url, "https://www.other.example/", "", ResourceType::image});
  REQUIRE(c.ok());
  return c->category;
}

}  // namespace

TEST_CASE("a pinned pattern's bucket entry holds the literal bytes around its token, up to a wildcard or separator") {
  // ".com/vtrack": "com" is its only whole token (the pattern may continue "vtrack").
  auto entry = only_entry(build(".com/vtrack\n"));
  CHECK(entry.before == '.');
  CHECK(after_bytes(entry) == "/vt");
  CHECK(after_bytes(only_entry(build("/banner/ads-\n"))) == "/ad");
  CHECK(after_bytes(only_entry(build("/banner.g*f\n"))) == ".g_");
  CHECK(after_bytes(only_entry(build("/banner^ads\n"))) == "___");  // '^' may be any separator or the end
  CHECK(after_bytes(only_entry(build("/banner|\n"))) == "___");     // nothing after the token
}

TEST_CASE("a pinned pattern is matched only where the URL has its bytes after the token") {
  const auto buffer = build(".com/vtrack\n/pixel.g*f\n@@.com/vtrack-ok\n");
  auto e = Engine::load(buffer);
  REQUIRE(e.ok());
  CHECK(classify(*e, "https://x.com/vtrack1.js") == Category::marketing);
  CHECK(classify(*e, "https://X.COM/VTRACK") == Category::marketing);
  CHECK(classify(*e, "https://x.com/vtrick") == Category::unknown);
  CHECK(classify(*e, "https://x.com/v") == Category::unknown);  // the URL ends inside the bytes
  CHECK(classify(*e, "https://x.com/vtrack-ok") == Category::necessary);
  CHECK(classify(*e, "https://x.test/pixel.gif") == Category::marketing);
  CHECK(classify(*e, "https://x.test/pixel.jpg") == Category::unknown);
}
