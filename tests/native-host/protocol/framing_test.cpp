#include "protocol/framing.h"

#include <doctest/doctest.h>

#include <sstream>

#include "frame_codec.h"

using namespace cookiewarden::protocol;
using cookiewarden::test::frame;
using cookiewarden::test::le32;

namespace {

std::istringstream stream(const std::string& bytes) { return std::istringstream(bytes, std::ios::binary); }

}  // namespace

TEST_CASE("framing: reads consecutive frames, then a clean end of stream") {
  auto in = stream(frame("{\"a\":1}") + frame("x") + frame(std::string(70000, 'y')));
  FrameReader reader(in);
  FrameRead first = reader.next();
  CHECK(first.status == FrameStatus::frame);
  CHECK(first.body == "{\"a\":1}");
  CHECK(reader.next().body == "x");
  FrameRead big = reader.next();
  CHECK(big.status == FrameStatus::frame);
  CHECK(big.body.size() == 70000);
  CHECK(reader.next().status == FrameStatus::end_of_stream);
}

TEST_CASE("framing: EOF inside the header or the body is a truncated stream") {
  for (int cut = 1; cut < 4; ++cut) {
    auto in = stream(le32(5).substr(0, static_cast<std::size_t>(cut)));
    CHECK(FrameReader(in).next().status == FrameStatus::truncated);
  }
  auto in = stream(le32(10) + "short");
  FrameRead r = FrameReader(in).next();
  CHECK(r.status == FrameStatus::truncated);
  CHECK(r.length == 10);
}

TEST_CASE("framing: a zero length is answerable and keeps the stream in sync") {
  auto in = stream(le32(0) + frame("next"));
  FrameReader reader(in);
  CHECK(reader.next().status == FrameStatus::empty);
  CHECK(reader.next().body == "next");
}

TEST_CASE("framing: a frame over the cap is skipped unread, the next one is found") {
  auto in = stream(frame(std::string(2000, 'z')) + frame("after"));
  FrameReader reader(in, 1000);
  FrameRead skipped = reader.next();
  CHECK(skipped.status == FrameStatus::oversized);
  CHECK(skipped.length == 2000);
  CHECK(skipped.body.empty());
  CHECK(reader.next().body == "after");
}

TEST_CASE("framing: an oversized frame cut short is truncated, an impossible length is fatal, nothing allocated") {
  auto cut = stream(le32(5000) + std::string(100, 'z'));
  CHECK(FrameReader(cut, 1000).next().status == FrameStatus::truncated);
  // 0xFFFFFFFF: 4 GiB, more than any browser sends; must not be read or skipped.
  auto huge = stream(le32(0xFFFFFFFFu) + "rest");
  FrameRead r = FrameReader(huge).next();
  CHECK(r.status == FrameStatus::oversized_fatal);
  CHECK(r.length == 0xFFFFFFFFu);
  auto just_over_browser = stream(le32(static_cast<std::uint32_t>(kMaxBrowserFrameBytes + 1)));
  CHECK(FrameReader(just_over_browser).next().status == FrameStatus::oversized_fatal);
}

TEST_CASE("framing: the request cap is exactly kMaxRequestBytes") {
  std::string at_cap(kMaxRequestBytes, 'a');
  auto in = stream(frame(at_cap) + frame(at_cap + "b"));
  FrameReader reader(in);
  CHECK(reader.next().status == FrameStatus::frame);
  CHECK(reader.next().status == FrameStatus::oversized);
  CHECK(reader.next().status == FrameStatus::end_of_stream);
}

TEST_CASE("framing: write_frame writes a little-endian length and the body") {
  std::ostringstream out(std::ios::binary);
  REQUIRE(write_frame(out, "hi"));
  std::string body(300, 'q');
  REQUIRE(write_frame(out, body));
  CHECK(out.str() == std::string("\x02\x00\x00\x00hi", 6) + std::string("\x2C\x01\x00\x00", 4) + body);
}
