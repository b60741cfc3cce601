// What the engine decides about: a network request, a cookie write, or a cookie already stored.
//
// Both are views: the strings belong to the caller and must outlive the call.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace warden {

// Persisted in compiled buffers (filter type masks) and the WASM ABI: append only, do not reorder.
enum class ResourceType : std::uint8_t {
  main_frame = 0,
  sub_frame,
  script,
  image,
  stylesheet,
  xmlhttprequest,
  ping,
  media,
  font,
  websocket,
  object,
  other,
  kCount
};

using ResourceTypeMask = std::uint16_t;
constexpr ResourceTypeMask type_bit(ResourceType t) {
  return static_cast<ResourceTypeMask>(1u << static_cast<unsigned>(t));
}
inline constexpr ResourceTypeMask kAllResourceTypes =
    static_cast<ResourceTypeMask>((1u << static_cast<unsigned>(ResourceType::kCount)) - 1);

// webRequest names ("script", "sub_frame", "xmlhttprequest", ...) plus the aliases browsers and
// crawlers use: "xhr"/"fetch" -> xmlhttprequest, "document"/"subdocument" -> sub_frame,
// "beacon"/"csp_report" -> ping, "websocket", "object_subrequest" -> object, anything else unknown.
std::optional<ResourceType> parse_resource_type(std::string_view name);
std::string_view resource_type_name(ResourceType t);

struct Request {
  std::string_view url;
  std::string_view top_url;    // the top-level document; decides the site and per-site overrides
  std::string_view frame_url;  // the document that made the request; empty means top_url
  ResourceType type = ResourceType::other;
};

enum class CookieSource : std::uint8_t { http = 0, script = 1 };

struct CookieWrite {
  std::string_view name;
  std::string_view domain;      // "shop.example" (host-only) or ".shop.example" (domain cookie)
  std::string_view top_url;
  CookieSource source = CookieSource::http;
  std::string_view script_url;  // the script that wrote it, when known
};

// A cookie as a browser keeps it (a row of Chromium's `cookies`, Firefox's `moz_cookies`, a
// Safari record): what a sweep of the cookie jar decides about, with no page around it.
struct StoredCookie {
  std::string_view name;
  std::string_view domain;  // ".shop.example" (domain cookie: sent to its subdomains too) or
                            // "www.shop.example" (host-only), as the stores write them
  std::string_view path;    // "/cart"; empty means "/"
  // The top-level site of a partitioned (CHIPS) cookie, in any of the forms the stores use:
  // "https://shop.example" (Chromium's top_frame_site_key), "(https,shop.example)" or
  // "(https,shop.example,8443)" (Firefox's decoded partitionKey), or a bare "shop.example".
  // Empty: unpartitioned.
  std::string_view partition_key;
};

}  // namespace warden
