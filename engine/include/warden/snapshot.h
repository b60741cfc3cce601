// The compiled engine buffer ("snapshot"): its identity and integrity.
//
// The layout (header, section table, sections, CRC32 trailer) is drawn in
// engine/src/snapshot_layout.h. Engine::load() does the structural checks only (fast: it is
// called on every service-worker start); verify_snapshot() adds the CRC32 over the whole buffer
// for callers that read a buffer from disk or the network.
#pragma once

#include <cstdint>
#include <span>

#include "warden/status.h"

namespace warden {

inline constexpr std::uint32_t kSnapshotMagic = 0x4E455743u;  // "CWEN" little-endian
// Bump on any change to the layout, the record structs, the string hash or a persisted enum, and
// record the new section-table fingerprint beside it (kFormatFingerprint, engine/src/snapshot_layout.h).
inline constexpr std::uint32_t kSnapshotVersion = 11;

// ok, corrupt_buffer (truncated, bad structure or checksum) or version_mismatch.
Status verify_snapshot(std::span<const std::uint8_t> buffer);

}  // namespace warden
