#include "stores/webkit_origin.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace fs = std::filesystem;
using cookiewarden::webkit_identifier_origin;
using cookiewarden::webkit_origin_file;

namespace {

// GNOME Web's storage/ as WebKitGTK 2.50 wrote it (tests/native-host/fixtures/SOURCES.md).
const fs::path kStorage = fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/gnome-web/storage";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// scheme and host as Latin-1 strings (u32le length, u8 1), then the port.
std::string latin1(std::string_view text) {
  std::string out;
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(text.size() >> shift & 0xFF));
  out.push_back('\x01');
  return out + std::string(text);
}

}  // namespace

TEST_CASE("webkit_origin_file reads every origin file WebKit wrote: top-frame origin, then the frame's") {
  std::set<std::string> pairs;
  for (const auto& top : fs::directory_iterator(kStorage)) {
    if (!top.is_directory()) continue;
    for (const auto& frame : fs::directory_iterator(top.path())) {
      auto origin = webkit_origin_file(read_file(frame.path() / "origin"));
      REQUIRE_MESSAGE(origin, frame.path().string());
      pairs.insert(origin->top + " " + origin->frame);
    }
  }
  CHECK(pairs == std::set<std::string>{
                     "http://www.example.test http://www.example.test",
                     "http://www.example.test http://ads.tracker.test",
                     "http://news.keep.test http://news.keep.test",
                     "http://news.keep.test http://ads.tracker.test",
                     "http://ads.tracker.test http://www.example.test",
                     "http://ads.tracker.test http://news.keep.test",
                     "http://localhost:39393 http://localhost:39393",
                     "http://127.0.0.1:39393 http://127.0.0.1:39393",
                 });
}

TEST_CASE("webkit_origin_file: ports, UTF-16 strings and what is not an origin file") {
  std::string no_port = latin1("https") + latin1("a.test") + '\0';
  std::string port = latin1("http") + latin1("b.test") + std::string("\x01\xfb\x20", 3);  // 8443
  auto both = webkit_origin_file(no_port + port);
  REQUIRE(both);
  CHECK(both->top == "https://a.test");
  CHECK(both->frame == "http://b.test:8443");

  // UTF-16LE ("u8 0"): ASCII only, as origins are.
  std::string utf16_host = std::string("\x03\0\0\0\0", 5) + std::string("c\0.\0t\0", 6);
  auto wide = webkit_origin_file(latin1("https") + utf16_host + '\0' + no_port);
  REQUIRE(wide);
  CHECK(wide->top == "https://c.t");

  CHECK_FALSE(webkit_origin_file(""));
  CHECK_FALSE(webkit_origin_file(no_port));                          // one origin only
  CHECK_FALSE(webkit_origin_file(no_port + no_port + "x"));          // trailing bytes
  CHECK_FALSE(webkit_origin_file(no_port + port.substr(0, port.size() - 1)));  // truncated port
  CHECK_FALSE(webkit_origin_file(std::string("\xff\xff\xff\xff", 4) + no_port + no_port));  // null string
  CHECK_FALSE(webkit_origin_file(latin1("https") + latin1("") + '\0' + no_port));  // empty host
  CHECK_FALSE(webkit_origin_file(latin1("https") + latin1("b\xe9.test") + '\0' + no_port));  // not ASCII
}

TEST_CASE("webkit_identifier_origin: WebKit's legacy file and folder names") {
  CHECK(webkit_identifier_origin("http_www.example.test_0") == "http://www.example.test");
  CHECK(webkit_identifier_origin("https_a.test_8443") == "https://a.test:8443");
  CHECK(webkit_identifier_origin("FA22442E3B1C3D8ADF5E5840FC7A29CDD9F740A6C8FB803641BEF92B8D0C1E1E") == "");
  CHECK(webkit_identifier_origin("http__0") == "");
  CHECK(webkit_identifier_origin("http_a.test_") == "");
  CHECK(webkit_identifier_origin("http_a.test_99999") == "");
  CHECK(webkit_identifier_origin("HTTP_a.test_0") == "");
}
