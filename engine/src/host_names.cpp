#include "host_names.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace warden::snapshot {

std::string reversed_host(std::string_view host) { return {host.rbegin(), host.rend()}; }

std::array<std::uint8_t, 8> key_prefix(std::string_view key) {
  std::array<std::uint8_t, 8> out{};
  std::copy_n(key.begin(), std::min(key.size(), out.size()), out.begin());
  return out;
}

namespace {
constexpr std::uint8_t kLastByte = 0x80;  // ends_a_host()
}

bool storable_host(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostLength) return false;
  return std::none_of(host.begin(), host.end(), [](char c) { return (static_cast<std::uint8_t>(c) & kLastByte) != 0; });
}

void append_host_block(std::span<const std::string> keys, std::vector<std::uint8_t>& names) {
  std::string_view previous;
  for (const std::string& key : keys) {
    std::size_t shared = 0;
    if (!previous.empty()) {
      const std::size_t limit = std::min(previous.size(), key.size());
      while (shared < limit && previous[shared] == key[shared]) ++shared;
      names.push_back(static_cast<std::uint8_t>(shared));
    }
    names.insert(names.end(), key.begin() + static_cast<std::ptrdiff_t>(shared), key.end());
    names.back() |= kLastByte;
    previous = key;
  }
}

int compare_with_first(std::span<const std::uint8_t> block, std::string_view key) {
  for (std::size_t i = 0; i < block.size(); ++i) {
    const auto c = static_cast<std::uint8_t>(block[i] & ~kLastByte);
    if (i == key.size()) return -1;  // the host is longer: key sorts first
    const auto k = static_cast<std::uint8_t>(key[i]);
    if (k != c) return k < c ? -1 : 1;
    if (block[i] & kLastByte) return i + 1 == key.size() ? 0 : 1;
  }
  return 1;  // not ended: a malformed block, which the structural check refuses
}

namespace {

// Where the host after the one whose bytes continue at `at` starts: 8 bytes a step, as a request
// host's lookup passes most of a block's hosts this way. block.size() when no byte ends it.
std::size_t skip_host(std::span<const std::uint8_t> block, std::size_t at) {
  constexpr std::uint64_t kEnds = 0x8080808080808080ull;
  for (; at + 8 <= block.size(); at += 8) {
    std::uint64_t word;
    std::memcpy(&word, block.data() + at, sizeof word);  // little-endian: the first byte is the lowest
    if (const std::uint64_t ends = word & kEnds; ends != 0) return at + std::countr_zero(ends) / 8 + 1;
  }
  for (; at < block.size(); ++at)
    if (block[at] & kLastByte) return at + 1;
  return at;
}

}  // namespace

std::size_t find_in_block(std::span<const std::uint8_t> block, std::string_view key) {
  // Each host passed sorts before `key`; `matched`: the leading bytes the last one shares with it.
  // A host sharing more with the host before it than `key` does also sorts before `key`; one
  // sharing less sorts after it (it is greater than the host before at a byte `key` equals).
  std::size_t at = 0, matched = 0;
  for (std::size_t position = 0; at < block.size(); ++position) {
    const std::size_t shared = position == 0 ? 0 : block[at++];
    if (shared < matched) return kNotInBlock;
    if (shared > matched) {
      at = skip_host(block, at);
      continue;
    }
    for (std::size_t i = shared;; ++i) {  // its own bytes decide
      if (at == block.size()) return kNotInBlock;
      const std::uint8_t byte = block[at++];
      const auto c = static_cast<std::uint8_t>(byte & ~kLastByte);
      if (i == key.size() || c > static_cast<std::uint8_t>(key[i])) return kNotInBlock;
      if (c < static_cast<std::uint8_t>(key[i])) {
        if (!(byte & kLastByte)) at = skip_host(block, at);
        break;
      }
      matched = i + 1;
      if (byte & kLastByte) {
        if (matched == key.size()) return position;
        break;
      }
    }
  }
  return kNotInBlock;
}

bool HostBlockReader::next() {
  if (malformed_ || at_ == block_.size()) return false;
  std::size_t length = 0;
  if (!first_) length = block_[at_++];
  if (length > length_) return fail();
  first_ = false;
  for (;;) {
    if (at_ == block_.size() || length == kMaxHostLength) return fail();
    const std::uint8_t byte = block_[at_++];
    key_[length++] = static_cast<char>(byte & ~kLastByte);
    if (byte & kLastByte) break;
  }
  length_ = length;
  return true;
}

bool HostBlockReader::fail() {
  malformed_ = true;
  return false;
}

}  // namespace warden::snapshot
