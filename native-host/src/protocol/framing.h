// Native messaging framing on the host's stdio: each message is a 4-byte little-endian length
// followed by that many bytes of UTF-8 JSON. The length is checked against the cap before
// anything is allocated, and bodies are read in one block, never byte by byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "protocol/message.h"

namespace cookiewarden::protocol {

enum class FrameStatus {
  frame,             // body holds one message
  end_of_stream,     // clean EOF between frames: the browser closed the port
  truncated,         // EOF inside the header or the body: the stream is unusable
  empty,             // a zero length: answerable, the stream stays in sync
  oversized,         // over the cap but within what a browser sends: skipped, stream in sync
  oversized_fatal,   // a length no browser sends; skipping it is unsafe, the session ends
};

struct FrameRead {
  FrameStatus status;
  std::uint32_t length = 0;  // the declared length (for messages about it)
  std::string body{};
};

class FrameReader {
 public:
  // `in` must be in binary mode. Frames longer than max_body_bytes are skipped, unread.
  explicit FrameReader(std::istream& in, std::size_t max_body_bytes = kMaxRequestBytes)
      : in_(in), max_body_bytes_(max_body_bytes) {}

  FrameRead next();

 private:
  bool skip(std::uint32_t length);
  std::istream& in_;
  std::size_t max_body_bytes_;
};

// Writes one frame and flushes; false when the stream failed or the body cannot be framed.
bool write_frame(std::ostream& out, std::string_view body);

}  // namespace cookiewarden::protocol
