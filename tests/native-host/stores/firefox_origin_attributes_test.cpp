#include "stores/firefox_origin_attributes.h"

#include <doctest/doctest.h>

using cookiewarden::firefox_partition_site;
using cookiewarden::percent_decode;

TEST_CASE("firefox_partition_site reads the partitionKey site in every observed form") {
  CHECK(firefox_partition_site("^partitionKey=%28http%2Ckeep.test%29") == "keep.test");
  CHECK(firefox_partition_site("partitionKey=%28https%2Cexample.com%29") == "example.com");
  CHECK(firefox_partition_site("^partitionKey=%28http%2Clocalhost%2C8080%29") == "localhost");
  CHECK(firefox_partition_site("^partitionKey=%28https%2Cexample.com%2Cf%29") == "example.com");
  CHECK(firefox_partition_site("^userContextId=2&partitionKey=%28https%2Cexample.com%29") == "example.com");
  CHECK(firefox_partition_site("^partitionKey=%28http%2C%5B%3A%3A1%5D%2C8000%29") == "[::1]");
}

TEST_CASE("firefox_partition_site: no key or a malformed one gives nothing") {
  CHECK(firefox_partition_site("") == "");
  CHECK(firefox_partition_site("^userContextId=1") == "");
  CHECK(firefox_partition_site("^partitionKey=example.com") == "");
  CHECK(firefox_partition_site("^partitionKey=%28https%29") == "");
  CHECK(firefox_partition_site("^partitionKey=%28") == "");
}

TEST_CASE("percent_decode keeps malformed escapes") {
  CHECK(percent_decode("%28a%2Cb%29") == "(a,b)");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%4") == "%zz%4");
}
