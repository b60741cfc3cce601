#include "string_pool.h"

#include <doctest/doctest.h>

TEST_CASE("identical strings are stored once") {
  warden::StringPool pool;
  std::uint32_t a = pool.intern("doubleclick.net");
  std::uint32_t b = pool.intern("google.com");
  CHECK(pool.intern("doubleclick.net") == a);
  CHECK(b == a + 15);
  CHECK(pool.bytes() == "doubleclick.netgoogle.com");
  CHECK(pool.bytes().substr(b, 10) == "google.com");
}
