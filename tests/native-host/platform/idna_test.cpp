#include "platform/idna.h"

#include <doctest/doctest.h>

using cookiewarden::host_to_ascii;
using cookiewarden::url_to_ascii;

TEST_CASE("Unicode hosts become punycode with UTS #46 mapping") {
  CHECK(host_to_ascii("bücher.example").value() == "xn--bcher-kva.example");
  CHECK(host_to_ascii("BÜCHER.example").value() == "xn--bcher-kva.example");  // case-mapped like browsers
  CHECK(host_to_ascii("faß.de").value() == "xn--fa-hia.de");                 // non-transitional: ß kept
  CHECK(host_to_ascii("example.com").value() == "example.com");
}

TEST_CASE("URLs get only their host converted") {
  CHECK(url_to_ascii("https://bücher.example:8443/Pfad?q=ü").value() == "https://xn--bcher-kva.example:8443/Pfad?q=ü");
  CHECK(url_to_ascii("https://user@bücher.example/").value() == "https://user@xn--bcher-kva.example/");
  CHECK(url_to_ascii("https://ascii.example/ü").value() == "https://ascii.example/ü");
}

TEST_CASE("hosts libidn2 rejects give an error, not a crash") {
  CHECK_FALSE(host_to_ascii("a\xff\xfe.example").ok());
  CHECK_FALSE(url_to_ascii("bücher.example").ok());
}
