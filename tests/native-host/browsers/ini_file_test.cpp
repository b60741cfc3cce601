#include "browsers/ini_file.h"

#include <doctest/doctest.h>

using cookiewarden::parse_ini;

TEST_CASE("ini: sections, CRLF, BOM, comments, spaces, repeated keys, junk lines") {
  auto sections = parse_ini("\xEF\xBB\xBF; head\r\n[A]\r\nk = v \r\nk=w\r\njunk line\r\n# c\r\n[B]\nPath=x=y\n=empty key\n");
  REQUIRE(sections.size() == 2);
  CHECK(sections[0].name == "A");
  CHECK(sections[0].get("k") == "w");
  CHECK(sections[1].get("Path") == "x=y");
  CHECK(sections[1].get("missing").empty());
  CHECK(parse_ini("key=before any section\n").empty());
  CHECK(parse_ini("").empty());
}
