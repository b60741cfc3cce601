// Firefox's mozLz4 container (sessionstore.jsonlz4, search.json.mozlz4, addonStartup.json.lz4):
//   "mozLz40\0"  u32 little-endian decompressed size  one LZ4 *block* (not an LZ4 frame)
// Facts: shared/notes/browser-storage.md §2.3 "Session restore pitfall".
//
// Decoding trusts nothing in the input: a size header larger than kMaxMozLz4Size, a block that
// decodes to a different size than the header says, a truncated or garbage block, all give an
// error value; LZ4's safe decoder never reads or writes outside the buffers.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "warden/status.h"

namespace cookiewarden {

// Larger than any session file a browser writes (they are a few MB even with hundreds of tabs),
// small enough that a lying header cannot make us allocate gigabytes.
inline constexpr std::size_t kMaxMozLz4Size = 256u << 20;

inline constexpr std::string_view kMozLz4Magic{"mozLz40\0", 8};

// The decompressed content of a mozLz4 file.
warden::Result<std::string> decode_mozlz4(std::span<const unsigned char> file);
warden::Result<std::string> decode_mozlz4(std::string_view file);

// A mozLz4 file holding `content` (invalid_argument when content exceeds kMaxMozLz4Size).
warden::Result<std::string> encode_mozlz4(std::string_view content);

}  // namespace cookiewarden
