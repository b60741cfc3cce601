// A bitset section of bloom_bit()s (token_bloom, suffix_bloom) as the decision path reads it.
#pragma once

#include <bit>
#include <cstdint>

#include "snapshot_layout.h"

namespace warden {

class BloomBits {
 public:
  BloomBits() = default;
  explicit BloomBits(snapshot::Table<std::uint32_t> words)
      : words_(words), log2_bits_(words.size() == 0 ? 0 : std::countr_zero(words.size()) + 5) {}
  bool empty() const { return words_.size() == 0; }
  // False when no key of the set is `key`.
  bool may_hold(std::uint32_t key) const {
    const std::uint32_t bit = snapshot::bloom_bit(key, log2_bits_);
    return (words_[bit >> 5] & (1u << (bit & 31))) != 0;
  }

 private:
  snapshot::Table<std::uint32_t> words_;
  unsigned log2_bits_ = 0;
};

}  // namespace warden
