// The buffer's host table (snapshot_layout.h): 8-byte records grouped by host, 4-byte slots that
// hold a fingerprint and the group's first record, the rare fields in a side table found by record.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "snapshot_layout.h"
#include "string_hash.h"
#include "warden/engine.h"
#include "warden/engine_builder.h"

using namespace warden;

namespace {

std::vector<std::uint8_t> build_list(const std::string& list) {
  EngineBuilder b;
  b.add_filter_list("l", list, Category::marketing);
  auto buffer = b.build();
  REQUIRE_MESSAGE(buffer.ok(), buffer.detail());
  return std::move(buffer).value();
}

std::string host(int i) { return "h" + std::to_string(i) + ".tracker.test"; }

std::size_t section_size(const Engine& e, std::string_view name) {
  for (const auto& s : e.stats().sections)
    if (s.name == name) return s.bytes;
  FAIL("no section " << name);
  return 0;
}

Classification classify(const Engine& e, const std::string& url) {
  auto c = e.classify(Request{url, "https://www.shop.example/", "", ResourceType::script});
  REQUIRE(c.ok());
  return *c;
}

}  // namespace

TEST_CASE("the host table costs 8 bytes a rule and 4 bytes a slot") {
  std::string list;
  for (int i = 0; i < 3000; ++i) list += "||" + host(i) + "^\n";
  const auto buffer = build_list(list);
  const Engine e = *Engine::load(buffer);
  CHECK(section_size(e, "host_rules") == 3000 * 8);
  // 3,000 hosts at most 3/4 full: 4,096 slots.
  CHECK(section_size(e, "host_slots") == 4096 * 4);
  CHECK(section_size(e, "host_extras") == 0);
}

TEST_CASE("thousands of hosts, their slots sharing fingerprints, each find their own rule and no other") {
  std::string list;
  for (int i = 0; i < 5000; ++i) list += "||" + host(i) + "^\n";
  const auto buffer = build_list(list);
  const Engine e = *Engine::load(buffer);
  for (int i = 0; i < 5000; ++i) {
    auto c = classify(e, "https://" + host(i) + "/x.js");
    REQUIRE(e.rule_text(c.rule) == "||" + host(i) + "^");
    CHECK(c.category == Category::marketing);
  }
  for (int i = 5000; i < 7000; ++i) CHECK(classify(e, "https://" + host(i) + "/x.js").category == Category::unknown);
}

TEST_CASE("a host with more than 255 rules: every one is in its group, extras found by record") {
  // Each rule applies on one site only (a HostExtra each): the request from site 299 needs the
  // group's last record and the last extra.
  std::string list = "||before.test^\n";
  for (int i = 0; i < 300; ++i) list += "||many.test^$domain=site" + std::to_string(i) + ".example\n";
  list += "||other.test^$domain=site7.example\n";
  const auto buffer = build_list(list);
  const Engine e = *Engine::load(buffer);
  CHECK(e.host_rule_count() == 302);
  for (int i : {0, 137, 255, 256, 299}) {
    const std::string site = "https://site" + std::to_string(i) + ".example/";
    auto c = e.classify(Request{"https://many.test/a.js", site, "", ResourceType::script});
    REQUIRE(c.ok());
    CHECK(e.rule_text(c->rule) == "||many.test^$domain=site" + std::to_string(i) + ".example");
  }
  auto elsewhere = e.classify(Request{"https://many.test/a.js", "https://site300.example/", "", ResourceType::script});
  CHECK(elsewhere->category == Category::unknown);
  std::size_t narrowed = 0;
  for (const auto& r : e.host_rules()) narrowed += r.has_domains;
  CHECK(narrowed == 301);
}

TEST_CASE("host slots that point past the table, or at another host, match nothing") {
  const auto original = build_list("||ads.test^\n||more.ads.test^$third-party\n");
  const std::uint32_t ads = hash_string("ads.test");
  // ads.test's fingerprint with the other host's record, with one past the last record, and garbage.
  for (std::uint32_t value : {snapshot::HostSlot::of(1, ads).value, snapshot::HostSlot::of(2, ads).value, 0xFFFFFFFFu}) {
    std::vector<std::uint8_t> buffer = original;
    auto slots = snapshot::section_bytes(buffer, snapshot::kHostSlots);
    REQUIRE(slots.size() > 0);
    for (std::size_t at = 0; at < slots.size(); at += 4)
      std::memcpy(buffer.data() + (slots.data() - buffer.data()) + at, &value, 4);
    auto e = Engine::load(buffer);  // the slots' contents are not structure: the CRC catches them
    REQUIRE(e.ok());
    CHECK(classify(*e, "https://ads.test/x.js").category == Category::unknown);
    CHECK(classify(*e, "https://more.ads.test/x.js").category == Category::unknown);
  }
}
