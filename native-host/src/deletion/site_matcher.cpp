#include "deletion/site_matcher.h"

#include <algorithm>
#include <cctype>

#include "deletion/site_refusal.h"
#include "platform/idna.h"
#include "warden/url.h"

namespace cookiewarden {
namespace {

bool ends_with_label(std::string_view host, std::string_view site) {
  return host.size() > site.size() && host.ends_with(site) && host[host.size() - site.size() - 1] == '.';
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim_space(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

}  // namespace

warden::Result<SiteMatcher> SiteMatcher::from_input(std::string_view input, const warden::PublicSuffixList& psl) {
  input = trim_space(input);
  if (input.empty()) return {warden::Status::invalid_host, "no site given"};
  std::string host;
  if (std::string scheme = input_scheme(input); !scheme.empty()) {
    if (auto refusal = scheme_refusal(scheme, input)) return {warden::Status::invalid_host, *refusal};
    auto ascii = url_to_ascii(input);
    if (!ascii.ok()) return {ascii.status(), ascii.detail()};
    auto url = warden::parse_url(*ascii);
    if (!url.ok()) return {url.status(), url.detail()};
    host = url->host;
  } else {
    auto ascii = host_to_ascii(input);
    if (!ascii.ok()) return {ascii.status(), ascii.detail()};
    auto normal = warden::normalize_host(*ascii);
    if (!normal.ok()) return {normal.status(), normal.detail()};
    host = std::move(normal).value();
  }
  if (auto refusal = host_refusal(host, input)) return {warden::Status::invalid_host, *refusal};
  std::string_view site = psl.site_of(host);
  if (site.empty()) return {warden::Status::invalid_host, "'" + std::string(input) + "' names no site"};
  return SiteMatcher(std::string(site), psl);
}

bool SiteMatcher::matches_host(std::string_view host) const {
  if (host.starts_with('.')) host.remove_prefix(1);
  if (host.ends_with('.')) host.remove_suffix(1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string lower = lower_ascii(host);
  if (lower == site_) return true;
  // Cheap test first; the PSL decides whether a subdomain is part of the site or a site of its own.
  return ends_with_label(lower, site_) && psl_->site_of(lower) == site_;
}

bool SiteMatcher::matches_origin(std::string_view origin) const {
  std::string_view host = origin_host(origin);
  return !host.empty() && matches_host(host);
}

std::string_view origin_host(std::string_view origin) {
  std::size_t scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
  std::string_view rest = origin.substr(scheme_end + 3);
  if (rest.starts_with('[')) {
    std::size_t close = rest.find(']');
    return close == std::string_view::npos ? std::string_view{} : rest.substr(0, close + 1);
  }
  return rest.substr(0, rest.find_first_of(":/?#^"));
}

}  // namespace cookiewarden
