// Host rule texts (snapshot_layout.h HostTextForm): the buffer stores a host rule's host and the
// shared tail of its options, and Engine::rule_text() rebuilds the rule as written.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "snapshot_layout.h"
#include "warden/engine.h"
#include "warden/engine_builder.h"
#include "warden/snapshot.h"

using namespace warden;

namespace {

Vendor path_vendor() {
  Vendor v;
  v.id = "sdk";
  v.name = "Vendor sdk";
  v.category = Category::analytics;
  v.hosts = {{"cdn.sdk.test", "/collect/"}, {"sdk.test", ""}};
  return v;
}

std::vector<std::uint8_t> build(const std::string& list) {
  EngineBuilder b;
  VendorDatabase db;
  db.vendors.push_back(path_vendor());
  b.add_vendors(db);
  b.add_filter_list("l", list, Category::marketing);
  auto buffer = b.build();
  REQUIRE_MESSAGE(buffer.ok(), buffer.detail());
  return std::move(buffer).value();
}

std::vector<std::string> rule_texts(const Engine& e) {
  std::vector<std::string> out;
  for (const auto& r : e.host_rules()) out.push_back(e.rule_text(r.rule));
  std::sort(out.begin(), out.end());
  return out;
}

bool contains(const std::vector<std::uint8_t>& buffer, std::string_view bytes) {
  return std::search(buffer.begin(), buffer.end(), bytes.begin(), bytes.end()) != buffer.end();
}

}  // namespace

TEST_CASE("every spelling of a host rule comes back as written") {
  // `||host^`, with options, an exception, a bare host line, an upper-case host (stored whole),
  // a tail shared by two hosts, and a vendor's host/path.
  const std::vector<std::string> lines = {
      "||ads.test^",          "||ads.test^$third-party", "@@||ok.ads.test^$script", "bare.test",
      "||Caps.Test^",         "||pix.test^$third-party", "@@plain.test",
  };
  std::string list;
  for (const auto& l : lines) list += l + "\n";
  const auto buffer = build(list);
  const Engine e = *Engine::load(buffer);
  std::vector<std::string> expected = lines;
  expected.push_back("cdn.sdk.test/collect/");
  expected.push_back("sdk.test");
  std::sort(expected.begin(), expected.end());
  CHECK(rule_texts(e) == expected);
  // The same texts through a decision, into a reused buffer of the caller's.
  std::string storage;
  auto c = e.classify(Request{"https://x.ads.test/a.js", "https://www.shop.example/", "", ResourceType::script});
  REQUIRE(c.ok());
  CHECK(c->rule.kind() == RuleRef::Kind::host);
  CHECK(e.rule_text(c->rule, storage) == "||ads.test^");
  auto vendor = e.classify(Request{"https://cdn.sdk.test/collect/p", "https://www.shop.example/", "", ResourceType::image});
  REQUIRE(vendor.ok());
  CHECK(e.rule_text(vendor->rule, storage) == "cdn.sdk.test/collect/");
  auto caps = e.classify(Request{"https://caps.test/a.js", "https://www.shop.example/", "", ResourceType::script});
  REQUIRE(caps.ok());
  CHECK(e.rule_text(caps->rule, storage) == "||Caps.Test^");
}

TEST_CASE("a `||host^` rule is stored as its host, and a shared option tail once") {
  std::string list;
  for (int i = 0; i < 50; ++i) list += "||h" + std::to_string(i) + ".tracker.test^\n";
  for (int i = 0; i < 50; ++i) list += "||p" + std::to_string(i) + ".tracker.test^$third-party,image\n";
  const auto buffer = build(list);
  const Engine e = *Engine::load(buffer);
  CHECK(e.host_rule_count() == 102);
  CHECK_FALSE(contains(buffer, "||"));
  CHECK_FALSE(contains(buffer, "tracker.test^"));
  // Each host once, reversed and front-coded (host_names.h): "tset.rekcart." is written once a
  // block, then each host costs its own few bytes and one byte of shared length.
  CHECK_FALSE(contains(buffer, "h7.tracker.test"));
  CHECK(snapshot::section_bytes(buffer, snapshot::kHostNames).size() < 102 * 4 + 2 * 16);
  auto strings = snapshot::section_bytes(buffer, snapshot::kStrings);
  const std::vector<std::uint8_t> pool(strings.begin(), strings.end());
  const std::string_view tail = "$third-party,image";
  CHECK(std::search(pool.begin(), pool.end(), tail.begin(), tail.end()) != pool.end());
  CHECK(std::count(pool.begin(), pool.end(), '$') == 1);
  // Two distinct option sets (the plain rule's, the tail's) and the vendor's two rules' one.
  CHECK(snapshot::section_bytes(buffer, snapshot::kHostOptions).size() == 3 * sizeof(snapshot::HostOptions));
}

TEST_CASE("rule references a decision never gave resolve to no text") {
  const auto buffer = build("||ads.test^\n");
  const Engine e = *Engine::load(buffer);
  std::string storage = "left over";
  for (auto kind : {RuleRef::Kind::host, RuleRef::Kind::pattern, RuleRef::Kind::cookie})
    CHECK(e.rule_text(RuleRef(kind, 5000), storage).empty());
  CHECK(e.rule_text(RuleRef{}).empty());
  CHECK(e.rule_text(RuleRef::from_value(0xFFFFFFFFu)).empty());
  CHECK(e.rule_text(RuleRef(RuleRef::Kind::first_party, 0)) == "first-party");
}

TEST_CASE("a corrupt host record reads nothing outside the buffer and matches nothing, and the checksum rejects it") {
  const auto original = build("||ads.test^\n||more.test^$third-party\n");
  const auto records = snapshot::section_bytes(original, snapshot::kHostRules);
  REQUIRE(records.size() == 4 * sizeof(snapshot::HostRuleRecord));
  // Options past the table; no group ending, so the last host's group runs past the records; both.
  for (int corruption = 0; corruption < 3; ++corruption) {
    std::vector<std::uint8_t> buffer = original;
    for (std::size_t at = 0; at < records.size(); at += sizeof(snapshot::HostRuleRecord)) {
      snapshot::HostRuleRecord r;
      std::uint8_t* p = buffer.data() + (records.data() - original.data()) + at;
      std::memcpy(&r, p, sizeof r);
      if (corruption != 1) r.value |= snapshot::HostRuleRecord::kMaxOptions - 1;
      if (corruption != 0) r.value &= static_cast<std::uint16_t>(~snapshot::HostRuleRecord::kLastOfHost);
      std::memcpy(p, &r, sizeof r);
    }
    CAPTURE(corruption);
    CHECK(verify_snapshot(buffer) == Status::corrupt_buffer);
    auto e = Engine::load(buffer);  // record contents are not structure: the CRC catches them
    REQUIRE(e.ok());
    for (const char* url : {"https://ads.test/x.js", "https://more.test/x.js"}) {
      auto c = e->classify(Request{url, "https://www.shop.example/", "", ResourceType::script});
      REQUIRE(c.ok());
      if (corruption != 1) CHECK(c->category == Category::unknown);
    }
    for (std::size_t i = 0; i < e->host_rule_count(); ++i) (void)e->rule_text(e->host_rule(i).rule);
    (void)e->host_rules();
  }
}
