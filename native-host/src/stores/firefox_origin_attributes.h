// Firefox's OriginAttributes suffix, as stored in moz_cookies.originAttributes, in quota origins
// and in storage/default folder names: "^userContextId=1&partitionKey=%28https%2Cexample.com%29".
// Only the partition key matters for site deletion: data a third party stored while the site
// was the top-level page carries the site there (shared/notes/browser-storage.md §2.3, §2.4).
#pragma once

#include <string>
#include <string_view>

namespace cookiewarden {

// The site host of the partitionKey attribute ("example.com" from "(https,example.com)",
// "(http,localhost,8080)" or "(https,example.com,f)"), or empty when there is none. Accepts the
// suffix with or without its leading '^'.
std::string firefox_partition_site(std::string_view origin_attributes);

// Percent-decoding as Firefox writes these suffixes; malformed escapes are kept literally.
std::string percent_decode(std::string_view text);

}  // namespace cookiewarden
