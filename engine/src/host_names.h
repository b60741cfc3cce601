// The hosts of the host rules as the buffer stores them (sections host_names and host_blocks): each
// distinct host once, its bytes reversed ("moc.elpmaxe.sda" for ads.example.com) so that hosts under
// one domain sort together and share their leading bytes, in blocks of kHostsPerBlock. A block's
// first host is written whole: [bytes]; each next one as [shared][bytes], the `shared` leading
// bytes of the host before it followed by bytes of its own (at least one: the hosts are sorted and
// distinct). Hosts are ASCII, so the high bit of a host's last byte ends it, which no length byte
// then has to. A lookup binary-searches the blocks by their first host (HostBlock::first_key), then
// walks one block (find_in_block()).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dns_name.h"

namespace warden::snapshot {

// 64: with EasyList + EasyPrivacy's ~93k hosts, 32 a block costs 22 KB more (restarts and
// directory), which the 3 MB engine.bin does not have; find_in_block() skips most of a block's
// bytes, and the last request hosts keep their lookups (engine.cpp, RecentHosts).
inline constexpr std::size_t kHostsPerBlock = 64;
using dns::kMaxHostLength;

// `host` with its bytes in reverse order: the host_names key of a host.
std::string reversed_host(std::string_view host);

// The first 8 bytes of a key, zero-padded (HostBlock::first_key): byte order is key order.
std::array<std::uint8_t, 8> key_prefix(std::string_view key);
// 8 such bytes as one number that orders like them (big-endian), compared without a memcmp call.
inline std::uint64_t prefix_order(const std::uint8_t* eight) {
  std::uint64_t value;
  std::memcpy(&value, eight, sizeof value);
  return __builtin_bswap64(value);  // the buffer is little-endian (snapshot_layout.h)
}

// Whether `host` can be stored: ASCII, 1 to kMaxHostLength bytes.
bool storable_host(std::string_view host);

// Appends one block of `keys` (reversed storable hosts, sorted, distinct).
void append_host_block(std::span<const std::string> keys, std::vector<std::uint8_t>& names);

// Whether `byte` is the last of a host: every block ends with one.
constexpr bool ends_a_host(std::uint8_t byte) { return (byte & 0x80) != 0; }

// How `key` compares with the first host of `block` (< 0: before it), read in place.
int compare_with_first(std::span<const std::uint8_t> block, std::string_view key);

inline constexpr std::size_t kNotInBlock = static_cast<std::size_t>(-1);
// The position in `block` of the host whose key is `key`, or kNotInBlock: a walk over the front
// coding that reads a host's own bytes only when it shares exactly as much with the host before it
// as `key` does (then they decide), and otherwise only its shared length.
std::size_t find_in_block(std::span<const std::uint8_t> block, std::string_view key);

// Walks the hosts of one block in order. A malformed entry (a host not ended within the block or
// within kMaxHostLength bytes, more shared bytes than the host before it had) ends the walk as
// malformed().
class HostBlockReader {
 public:
  explicit HostBlockReader(std::span<const std::uint8_t> block) : block_(block) {}
  // Decodes the next host; false at the block's end or at a malformed entry.
  bool next();
  std::string_view key() const { return {key_, length_}; }  // the reversed host just decoded
  bool malformed() const { return malformed_; }

 private:
  bool fail();

  std::span<const std::uint8_t> block_;
  std::size_t at_ = 0;
  bool first_ = true;
  bool malformed_ = false;
  char key_[kMaxHostLength];
  std::size_t length_ = 0;
};

}  // namespace warden::snapshot
