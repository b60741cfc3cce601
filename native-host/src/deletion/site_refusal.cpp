#include "deletion/site_refusal.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "deletion/icann_suffixes.h"
#include "warden/url.h"

namespace cookiewarden {
namespace {

constexpr std::array<std::string_view, 4> kWebSchemes{"http", "https", "ws", "wss"};
constexpr std::array<std::string_view, 5> kExtensionSchemes{"chrome-extension", "moz-extension",
                                                            "safari-web-extension", "extension", "edge-extension"};

bool scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// Chromium derives an extension's id from its key: 32 letters a to p.
bool chromium_extension_id(std::string_view label) {
  return label.size() == 32 && std::all_of(label.begin(), label.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

// Firefox names each installed add-on's moz-extension:// host with a random UUID.
bool uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::string quoted(std::string_view input) {
  std::string text(1, '\'');
  text.append(input).push_back('\'');
  return text;
}

}  // namespace

std::string input_scheme(std::string_view input) {
  if (warden::is_ip_literal(input)) return {};  // "fe80::1" is not the scheme "fe80"
  std::size_t colon = input.find(':');
  if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(input[0])))
    return {};
  std::string_view scheme = input.substr(0, colon), rest = input.substr(colon + 1);
  if (!std::all_of(scheme.begin(), scheme.end(), scheme_char)) return {};
  // "localhost:8080" is a host and a port.
  std::string_view port = rest.substr(0, rest.find('/'));
  if (!rest.starts_with("//") && std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return {};
  std::string lower(scheme);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

std::optional<std::string> scheme_refusal(std::string_view scheme, std::string_view input) {
  if (std::find(kWebSchemes.begin(), kWebSchemes.end(), scheme) != kWebSchemes.end()) return std::nullopt;
  if (std::find(kExtensionSchemes.begin(), kExtensionSchemes.end(), scheme) != kExtensionSchemes.end())
    return quoted(input) + " is an extension's address, not a site: remove an extension's data from the browser's "
           "extension settings";
  return quoted(input) + " is not a web address (" + std::string(scheme) +
         ":): only http, https, ws and wss sites have site data to delete";
}

std::optional<std::string> host_refusal(std::string_view host, std::string_view input) {
  if (host == "localhost" || warden::is_ip_literal(host)) return std::nullopt;
  if (chromium_extension_id(host))
    return quoted(input) + " is a Chromium extension id, not a site: remove an extension's data from the "
           "browser's extension settings";
  if (uuid(host))
    return quoted(input) + " is a Firefox add-on UUID, not a site: remove an add-on's data from Firefox's "
           "add-on settings";
  if (!icann_suffixes().registrable_domain(host).empty()) return std::nullopt;
  std::string example = "example." + std::string(host);
  if (host.find('.') == std::string_view::npos)
    return quoted(input) + " is a public suffix, not a site: a top-level domain holds every site under it; give one "
           "site such as " + example + " (localhost and IP addresses are accepted too)";
  return quoted(input) + " is a public suffix, not a site: it holds every site under it; give one site such as " + example;
}

}  // namespace cookiewarden
