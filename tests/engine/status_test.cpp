#include "warden/status.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

TEST_CASE("every status has a distinct name and a message") {
  std::set<std::string> names;
  for (int i = 0; i < static_cast<int>(warden::Status::kStatusCount); ++i) {
    auto s = static_cast<warden::Status>(i);
    CHECK_FALSE(warden::status_message(s).empty());
    CHECK(names.insert(std::string(warden::status_name(s))).second);
  }
  CHECK(warden::status_name(warden::Status::ok) == "ok");
}

TEST_CASE("Result carries a value or a status with detail") {
  warden::Result<int> good = 42;
  CHECK(good.ok());
  CHECK(*good == 42);
  warden::Result<int> bad{warden::Status::invalid_url, "no host"};
  CHECK_FALSE(bad.ok());
  CHECK(bad.status() == warden::Status::invalid_url);
  CHECK(bad.detail() == "no host");
}
