#include "protocol/framing.h"

#include <algorithm>
#include <array>
#include <istream>
#include <limits>
#include <ostream>

namespace cookiewarden::protocol {
namespace {

constexpr std::size_t kSkipChunkBytes = 64 * 1024;

std::uint32_t decode_length(const std::array<unsigned char, 4>& header) {
  return std::uint32_t{header[0]} | std::uint32_t{header[1]} << 8 | std::uint32_t{header[2]} << 16 |
         std::uint32_t{header[3]} << 24;
}

}  // namespace

FrameRead FrameReader::next() {
  std::array<unsigned char, 4> header{};
  in_.read(reinterpret_cast<char*>(header.data()), header.size());
  std::streamsize got = in_.gcount();
  if (got == 0) return {FrameStatus::end_of_stream};
  if (got < 4) return {FrameStatus::truncated};

  std::uint32_t length = decode_length(header);
  if (length == 0) return {FrameStatus::empty, 0};
  if (length > max_body_bytes_) {
    if (length > kMaxBrowserFrameBytes) return {FrameStatus::oversized_fatal, length};
    return {skip(length) ? FrameStatus::oversized : FrameStatus::truncated, length};
  }
  FrameRead read{FrameStatus::frame, length, std::string(length, '\0')};
  in_.read(read.body.data(), length);
  if (in_.gcount() != static_cast<std::streamsize>(length)) return {FrameStatus::truncated, length};
  return read;
}

// Discards a body we refuse to hold, in fixed-size blocks, so the next header is found.
bool FrameReader::skip(std::uint32_t length) {
  std::array<char, kSkipChunkBytes> sink;
  std::size_t left = length;
  while (left > 0) {
    std::size_t want = std::min(left, sink.size());
    in_.read(sink.data(), static_cast<std::streamsize>(want));
    if (in_.gcount() != static_cast<std::streamsize>(want)) return false;
    left -= want;
  }
  return true;
}

bool write_frame(std::ostream& out, std::string_view body) {
  if (body.size() > std::numeric_limits<std::uint32_t>::max()) return false;
  auto n = static_cast<std::uint32_t>(body.size());
  const char header[4] = {static_cast<char>(n & 0xFF), static_cast<char>((n >> 8) & 0xFF),
                          static_cast<char>((n >> 16) & 0xFF), static_cast<char>((n >> 24) & 0xFF)};
  out.write(header, 4);
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace cookiewarden::protocol
