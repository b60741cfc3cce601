// The request URL as patterns match it: the canonical text parse_url() describes (lower-case scheme
// and host, no user info, no fragment, the port as a number, a path that starts with '/'), with
// its host and path inside it.
//
// Browsers hand over URLs that are canonical already, so the common case views the input and
// copies nothing; anything unusual (upper case, user info, IP literals, an empty path, odd ports)
// goes through parse_url() and is rebuilt, with the same result and the same errors.
#pragma once

#include <string>
#include <string_view>

#include "url_pattern.h"
#include "warden/status.h"
#include "warden/url.h"

namespace warden {

struct RequestUrl {
  UrlView url;  // text and the host's position in it
  std::string_view host, path;
};

// `parsed` and `storage` are reused scratch for the rebuilt case; `out` views them or `input`.
Status parse_request_url(std::string_view input, Url& parsed, std::string& storage, RequestUrl& out);

}  // namespace warden
