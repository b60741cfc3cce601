#include "warden/category.h"

#include <doctest/doctest.h>

TEST_CASE("category names round-trip") {
  for (auto c : warden::kAllCategories) CHECK(warden::parse_category(warden::category_name(c)) == c);
  CHECK(warden::parse_category("social media") == warden::Category::social);
  CHECK_FALSE(warden::parse_category("Marketing").has_value());
  CHECK(warden::mask_of(warden::Category::marketing) == 0x10);
}
