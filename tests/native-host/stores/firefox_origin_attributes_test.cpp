#include "stores/firefox_origin_attributes.h"

#include <doctest/doctest.h>

using cookiewarden::firefox_partition_site;
using cookiewarden::percent_decode;

TEST_CASE("firefox_partition_site reads the partitionKey as scheme://site[:port], the form every store reports") {
  CHECK(firefox_partition_site("^partitionKey=%28http%2Ckeep.test%29") == "http://keep.test");
  CHECK(firefox_partition_site("partitionKey=%28https%2Cexample.com%29") == "https://example.com");
  CHECK(firefox_partition_site("^partitionKey=%28http%2Clocalhost%2C8080%29") == "http://localhost:8080");
  CHECK(firefox_partition_site("^partitionKey=%28https%2Cexample.com%2Cf%29") == "https://example.com");
  CHECK(firefox_partition_site("^partitionKey=%28http%2Clocalhost%2C8080%2Cf%29") == "http://localhost:8080");
  CHECK(firefox_partition_site("^userContextId=2&partitionKey=%28https%2Cexample.com%29") == "https://example.com");
  CHECK(firefox_partition_site("^partitionKey=%28http%2C%5B%3A%3A1%5D%2C8000%29") == "http://[::1]:8000");
}

TEST_CASE("firefox_partition_key_site reads the unencoded value of session files") {
  using cookiewarden::firefox_partition_key_site;
  CHECK(firefox_partition_key_site("(https,keep.test)") == "https://keep.test");
  CHECK(firefox_partition_key_site("(http,localhost,8080)") == "http://localhost:8080");
  CHECK(firefox_partition_key_site("") == "");
  CHECK(firefox_partition_key_site("(,keep.test)") == "");
  CHECK(firefox_partition_key_site("(https,)") == "");
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
