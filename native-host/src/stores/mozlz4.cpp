#include "stores/mozlz4.h"

#include <lz4.h>

#include <climits>
#include <cstdint>

namespace cookiewarden {
namespace {

constexpr std::size_t kHeaderSize = kMozLz4Magic.size() + 4;
constexpr std::size_t kMaxLz4Ratio = 255;

warden::Result<std::string> malformed(std::string why) {
  return {warden::Status::invalid_argument, "not a mozLz4 file: " + std::move(why)};
}

std::uint32_t read_u32le(std::span<const unsigned char> bytes) {
  return std::uint32_t{bytes[0]} | std::uint32_t{bytes[1]} << 8 | std::uint32_t{bytes[2]} << 16 |
         std::uint32_t{bytes[3]} << 24;
}

void append_u32le(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xFF);
}

}  // namespace

warden::Result<std::string> decode_mozlz4(std::span<const unsigned char> file) {
  if (file.size() < kHeaderSize) return malformed("shorter than its 12-byte header");
  if (!std::equal(kMozLz4Magic.begin(), kMozLz4Magic.end(), file.begin(),
                  [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; }))
    return malformed("no \"mozLz40\\0\" magic");
  std::size_t size = read_u32le(file.subspan(kMozLz4Magic.size(), 4));
  if (size > kMaxMozLz4Size) return malformed("its header claims " + std::to_string(size) + " bytes, over the limit");
  std::span<const unsigned char> block = file.subspan(kHeaderSize);
  if (block.size() > static_cast<std::size_t>(INT_MAX)) return malformed("compressed block too large");
  // LZ4 expands at most ~255x: a header beyond that lies, and is refused before any allocation.
  if (size > block.size() * kMaxLz4Ratio)
    return malformed("its header claims " + std::to_string(size) + " bytes from a " + std::to_string(block.size()) +
                     "-byte block");
  std::string content(size, '\0');
  int decoded = LZ4_decompress_safe(reinterpret_cast<const char*>(block.data()), content.data(),
                                    static_cast<int>(block.size()), static_cast<int>(size));
  if (decoded < 0) return malformed("the LZ4 block is truncated or damaged");
  if (static_cast<std::size_t>(decoded) != size)
    return malformed("the LZ4 block holds " + std::to_string(decoded) + " bytes, the header says " + std::to_string(size));
  return content;
}

warden::Result<std::string> decode_mozlz4(std::string_view file) {
  return decode_mozlz4(std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(file.data()), file.size()));
}

warden::Result<std::string> encode_mozlz4(std::string_view content) {
  if (content.size() > kMaxMozLz4Size)
    return {warden::Status::invalid_argument, "content of " + std::to_string(content.size()) + " bytes is over the mozLz4 limit"};
  int bound = LZ4_compressBound(static_cast<int>(content.size()));
  std::string file(kMozLz4Magic);
  append_u32le(file, static_cast<std::uint32_t>(content.size()));
  file.resize(kHeaderSize + static_cast<std::size_t>(bound));
  int written = LZ4_compress_default(content.data(), file.data() + kHeaderSize, static_cast<int>(content.size()), bound);
  if (written <= 0) return {warden::Status::invalid_argument, "LZ4 compression failed"};
  file.resize(kHeaderSize + static_cast<std::size_t>(written));
  return file;
}

}  // namespace cookiewarden
