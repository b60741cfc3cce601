// CRC-32 (IEEE 802.3, reflected, as zlib's crc32()): the trailer of compiled engine buffers.
#pragma once

#include <cstdint>
#include <span>

namespace warden {

std::uint32_t crc32(std::span<const std::uint8_t> bytes);

}  // namespace warden
