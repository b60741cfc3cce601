#include "browsers/profile_order.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using cookiewarden::natural_less;

TEST_CASE("profile order: numbers compare by value") {
  std::vector<std::string> names{"Profile 10", "Profile 2", "Default", "Profile 1", "Profile 02x", "Imported"};
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return natural_less(a, b); });
  CHECK(names == std::vector<std::string>{"Default", "Imported", "Profile 1", "Profile 2", "Profile 02x", "Profile 10"});
  CHECK_FALSE(natural_less("a", "a"));
  CHECK(natural_less("a", "ab"));
  CHECK_FALSE(natural_less("ab", "a"));
}
