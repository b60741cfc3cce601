// The buffer's host table (snapshot_layout.h, host_names.h): the hosts reversed and front-coded in
// blocks found by binary search, a bloom bitset in front of them, 2-byte records grouped by host in
// the hosts' order, the rare fields in a side table found by record.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "host_names.h"
#include "snapshot_layout.h"
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

// The bytes of section `id` of `buffer`, writable.
std::span<std::uint8_t> section_of(std::vector<std::uint8_t>& buffer, snapshot::Section id) {
  const auto bytes = snapshot::section_bytes(buffer, id);
  return {buffer.data() + (bytes.data() - buffer.data()), bytes.size()};
}

snapshot::HostBlock block_at(std::span<const std::uint8_t> blocks, std::size_t b) {
  snapshot::HostBlock block;
  std::memcpy(&block, blocks.data() + b * sizeof block, sizeof block);
  return block;
}

void set_block(std::span<std::uint8_t> blocks, std::size_t b, snapshot::HostBlock block) {
  std::memcpy(blocks.data() + b * sizeof block, &block, sizeof block);
}

}  // namespace

TEST_CASE("the host table costs 2 bytes a rule, a few bytes a host and 4 bits a host of bloom") {
  std::string list;
  for (int i = 0; i < 3000; ++i) list += "||" + host(i) + "^\n";
  const auto buffer = build_list(list);
  const Engine e = *Engine::load(buffer);
  CHECK(section_size(e, "host_rules") == 3000 * 2);
  // 47 blocks of 64 hosts; each host after a block's first is a shared length and 1-4 own bytes
  // ("1h" of "h1.tracker.test"), where the hosts themselves are 45,890 bytes.
  CHECK(section_size(e, "host_blocks") == 47 * 16);
  CHECK(section_size(e, "host_names") < 3000 * 5 + 47 * 17);
  CHECK(section_size(e, "host_bloom") == 16384 / 8);
  CHECK(section_size(e, "host_extras") == 0);
}

TEST_CASE("thousands of hosts, across many blocks, each find their own rule and no other") {
  std::string list;
  for (int i = 0; i < 5000; ++i) list += "||" + host(i) + "^\n";
  const auto buffer = build_list(list);
  const Engine e = *Engine::load(buffer);
  for (int i = 0; i < 5000; ++i) {
    auto c = classify(e, "https://" + host(i) + "/x.js");
    REQUIRE(e.rule_text(c.rule) == "||" + host(i) + "^");
    CHECK(c.category == Category::marketing);
    CHECK(classify(e, "https://www." + host(i) + "/x.js").rule == c.rule);
  }
  for (int i = 5000; i < 7000; ++i) CHECK(classify(e, "https://" + host(i) + "/x.js").category == Category::unknown);
  // Hosts that sort between, before and after the stored ones, and a stored host's parent.
  for (const char* url : {"https://h10.tracker.tesu/", "https://a.test/", "https://zzz.zz/", "https://tracker.test/",
                          "https://0h1.tracker.test/"})
    CHECK(classify(e, url).category == Category::unknown);
}

TEST_CASE("every host rule comes back with its host, in the hosts' order and one at a time alike") {
  const auto buffer = build_list("||b.example^\n||a.example^$image\n||a.example^$script\n||ads.b.example^\n||x.org^\n");
  const Engine e = *Engine::load(buffer);
  std::vector<std::string> walked;
  e.for_each_host_rule([&](const HostRuleInfo& r) { walked.push_back(r.host + " " + e.rule_text(r.rule)); });
  // Sorted by the reversed host ("elpmaxe.a", "elpmaxe.b", "elpmaxe.b.sda", "gro.x"), a host's
  // rules in list order.
  CHECK(walked == std::vector<std::string>{"a.example ||a.example^$image", "a.example ||a.example^$script",
                                           "b.example ||b.example^", "ads.b.example ||ads.b.example^",
                                           "x.org ||x.org^"});
  REQUIRE(e.host_rule_count() == walked.size());
  for (std::size_t i = 0; i < e.host_rule_count(); ++i) {
    const HostRuleInfo r = e.host_rule(i);
    CHECK(r.host + " " + e.rule_text(r.rule) == walked[i]);
  }
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

TEST_CASE("host blocks that are out of order, point past the records or decode past their end are rejected") {
  std::string list;
  for (int i = 0; i < 200; ++i) list += "||" + host(i) + "^\n";
  const auto original = build_list(list);
  REQUIRE(Engine::load(original).ok());
  REQUIRE(snapshot::section_bytes(original, snapshot::kHostBlocks).size() == 4 * sizeof(snapshot::HostBlock));
  using Corrupt = void (*)(std::vector<std::uint8_t>&);
  const Corrupt corruptions[] = {
      // The second block starting where the first does, and before it.
      [](std::vector<std::uint8_t>& b) {
        auto blocks = section_of(b, snapshot::kHostBlocks);
        set_block(blocks, 1, {0, block_at(blocks, 1).first_record, {}});
      },
      // A first record past the records, and one not after the block before's.
      [](std::vector<std::uint8_t>& b) {
        auto blocks = section_of(b, snapshot::kHostBlocks);
        set_block(blocks, 3, {block_at(blocks, 3).names_offset, 200, {}});
      },
      [](std::vector<std::uint8_t>& b) {
        auto blocks = section_of(b, snapshot::kHostBlocks);
        set_block(blocks, 2, {block_at(blocks, 2).names_offset, block_at(blocks, 1).first_record, {}});
      },
      // The first block's last host not ended: it runs into the second block.
      [](std::vector<std::uint8_t>& b) {
        auto blocks = section_of(b, snapshot::kHostBlocks);
        section_of(b, snapshot::kHostNames)[block_at(blocks, 1).names_offset - 1] &= 0x7F;
      },
      // The last block's last host not ended: it runs to the section's end.
      [](std::vector<std::uint8_t>& b) { section_of(b, snapshot::kHostNames).back() &= 0x7F; },
  };
  for (std::size_t i = 0; i < std::size(corruptions); ++i) {
    CAPTURE(i);
    std::vector<std::uint8_t> buffer = original;
    corruptions[i](buffer);
    auto e = Engine::load(buffer);
    CHECK(e.status() == Status::corrupt_buffer);
    CHECK(e.detail().find("host_names or host_blocks") != std::string::npos);
  }
}

TEST_CASE("a host inside a block that shares more bytes than the host before it has ends that block's hosts") {
  std::string list;
  for (int i = 0; i < 200; ++i) list += "||" + host(i) + "^\n";
  std::vector<std::uint8_t> buffer = build_list(list);
  // The hosts are framed as they are read (one check a block at load): a walk over the rules stops
  // at the malformed host, losing the rest of its block; lookups stay within the block (they may
  // mis-decide there), and every other block's hosts are still found.
  auto names = section_of(buffer, snapshot::kHostNames);
  const auto end_of_first = std::find_if(names.begin(), names.end(), [](std::uint8_t c) { return c & 0x80; });
  *(end_of_first + 1) = 200;
  auto e = Engine::load(buffer);
  REQUIRE(e.ok());
  std::size_t found = 0;
  for (int i = 0; i < 200; ++i) found += classify(*e, "https://" + host(i) + "/x.js").category == Category::marketing;
  CHECK(found >= 200 - 63);
  CHECK(e->host_rules().size() == 200 - 63);
  for (std::size_t i = 0; i < e->host_rule_count(); ++i) (void)e->rule_text(e->host_rule(i).rule);
}

TEST_CASE("a host rule's host that host_names cannot hold is refused with a clear error") {
  Vendor v;
  v.id = "long";
  v.name = "Long";
  v.category = Category::analytics;
  std::string long_host;
  for (int i = 0; i < 60; ++i) long_host += "abc.";
  v.hosts = {{long_host + "test", ""}};  // 244 bytes: a valid DNS name
  VendorDatabase db;
  db.vendors.push_back(v);
  EngineBuilder b;
  b.add_vendors(db);
  REQUIRE(b.build().ok());
  CHECK(snapshot::storable_host(long_host + "test"));
  CHECK_FALSE(snapshot::storable_host(std::string(254, 'a')));
  CHECK_FALSE(snapshot::storable_host("caf\xc3\xa9.test"));
  CHECK_FALSE(snapshot::storable_host(""));
}
