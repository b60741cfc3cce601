#include "warden/default_rules.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string read_rules_file(const char* name) {
  std::ifstream in(std::string(WARDEN_SOURCE_DIR) + "/engine/rules/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("the embedded vendor database is engine/rules/vendors.json byte for byte") {
  std::string file = read_rules_file("vendors.json");
  CHECK(file.size() > 1000);
  CHECK(warden::default_vendor_database_json() == file);
}

TEST_CASE("the embedded cookie database is engine/rules/open-cookie-database.csv byte for byte") {
  std::string file = read_rules_file("open-cookie-database.csv");
  CHECK(file.size() > 100000);
  CHECK(warden::default_open_cookie_database_csv() == file);
}

TEST_CASE("the embedded texts have no terminator or padding of their own") {
  CHECK(warden::default_vendor_database_json().back() != '\0');
  CHECK(warden::default_open_cookie_database_csv().back() != '\0');
}
