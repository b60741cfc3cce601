// Firefox's OriginAttributes suffix, as stored in moz_cookies.originAttributes, in quota origins
// and in storage/default folder names: "^userContextId=1&partitionKey=%28https%2Cexample.com%29".
// Only the partition key matters for site deletion: data a third party stored while the site
// was the top-level page carries the site there (shared/notes/browser-storage.md §2.3, §2.4).
#pragma once

#include <string>
#include <string_view>

namespace cookiewarden {

// The top-level site of the partitionKey attribute in the form every store reports partitions
// in, "scheme://site[:port]": "https://example.com" from "(https,example.com)" or
// "(https,example.com,f)", "http://localhost:8080" from "(http,localhost,8080)". Empty when there
// is none. Accepts the suffix with or without its leading '^'.
std::string firefox_partition_site(std::string_view origin_attributes);

// The same from a partitionKey value itself, "(https,example.com)", as Firefox's session files
// carry it unencoded in originAttributes objects.
std::string firefox_partition_key_site(std::string_view partition_key);

// Percent-decoding as Firefox writes these suffixes; malformed escapes are kept literally.
std::string percent_decode(std::string_view text);

}  // namespace cookiewarden
