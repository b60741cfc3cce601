// host_names blocks (engine/src/host_names.h): front-coded reversed hosts, each ended by the high
// bit of its last byte.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "host_names.h"

using namespace warden::snapshot;

namespace {

std::vector<std::string> decode(std::span<const std::uint8_t> block, bool& malformed) {
  std::vector<std::string> out;
  HostBlockReader reader(block);
  while (reader.next()) out.emplace_back(reader.key());
  malformed = reader.malformed();
  return out;
}

}  // namespace

TEST_CASE("a block of hosts decodes to the hosts it was written from, sharing their leading bytes") {
  const std::vector<std::string> keys = {reversed_host("x.org"), reversed_host("example.com"),
                                         reversed_host("ads.example.com"), reversed_host("cdn.ads.example.com")};
  REQUIRE(std::is_sorted(keys.begin(), keys.end()));
  CHECK(keys[1] == "moc.elpmaxe");
  std::vector<std::uint8_t> names;
  append_host_block(keys, names);
  // "gro.x" whole, then 0 shared + "moc.elpmaxe", 11 shared + ".sda", 15 shared + ".ndc".
  CHECK(names.size() == 5 + (1 + 11) + (1 + 4) + (1 + 4));
  bool malformed = true;
  CHECK(decode(names, malformed) == keys);
  CHECK_FALSE(malformed);
  // The longest host a DNS name can be, after one it shares nothing with.
  const std::vector<std::string> edge = {"a", std::string(kMaxHostLength, 'b')};
  names.clear();
  append_host_block(edge, names);
  CHECK(decode(names, malformed) == edge);
  CHECK_FALSE(malformed);
}

TEST_CASE("a block that ends inside a host, or shares bytes that are not there, is malformed") {
  std::vector<std::uint8_t> names;
  append_host_block(std::vector<std::string>{"moc.elpmaxe", "moc.elpmaxe.sda"}, names);
  bool malformed = false;
  // Cut inside the second host, and right after its shared length.
  CHECK(decode(std::span(names).first(names.size() - 1), malformed).size() == 1);
  CHECK(malformed);
  CHECK(decode(std::span(names).first(12), malformed).size() == 1);
  CHECK(malformed);
  // The last host's end bit cleared: it runs to the block's end. (A cleared bit before another
  // host joins the two, which stays within the block: a corrupt buffer may mis-decide.)
  std::vector<std::uint8_t> unended = names;
  unended.back() &= 0x7F;
  CHECK(decode(unended, malformed).size() == 1);
  CHECK(malformed);
  // More shared bytes than the host before has.
  std::vector<std::uint8_t> overshared = names;
  overshared[11] = 12;
  CHECK(decode(overshared, malformed).size() == 1);
  CHECK(malformed);
  // A host longer than a DNS name.
  std::vector<std::uint8_t> endless(kMaxHostLength + 1, 'a');
  endless.back() |= 0x80;
  CHECK(decode(endless, malformed).empty());
  CHECK(malformed);
}
