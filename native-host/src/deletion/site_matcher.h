// Which hosts, origins and partitions belong to a site. "Site" is the registrable domain (eTLD+1)
// from the Public Suffix List, or the host itself when it has none (IP literals, localhost, and a
// suffix only the list's PRIVATE section names, such as carrd.co, which then matches only itself):
// the same meaning the engine gives it. Every store matches through this class so that "delete
// example.com" means the same rows in every browser.
#pragma once

#include <string>
#include <string_view>

#include "warden/public_suffix.h"
#include "warden/status.h"

namespace cookiewarden {

class SiteMatcher {
 public:
  // What a person or the extension typed: a host ("www.Example.com", "bücher.example") or an
  // http(s)/ws(s) URL. Unicode is converted with UTS #46 (platform/idna.h), then the host is
  // normalised and reduced to its site. What is not a site (a public suffix, a single label, an
  // extension id, another scheme: site_refusal.h) is an invalid_host error saying why.
  static warden::Result<SiteMatcher> from_input(std::string_view input, const warden::PublicSuffixList& psl);

  // `site` must already be a site (lower-case ASCII, as from_input produces it).
  SiteMatcher(std::string site, const warden::PublicSuffixList& psl) : site_(std::move(site)), psl_(&psl) {}

  const std::string& site() const { return site_; }

  // A cookie domain or host as browsers store it: "example.com", ".example.com", "www.example.com",
  // any case, optional trailing dot. Subdomains belong to the site only when the PSL agrees:
  // "a.github.io" is not part of the site "github.io".
  bool matches_host(std::string_view host) const;

  // A serialised origin "scheme://host[:port]" with an optional trailing '/' (what Chromium's
  // storage keys and Firefox's quota origins start with). IPv6 hosts are bracketed.
  bool matches_origin(std::string_view origin) const;

 private:
  std::string site_;
  const warden::PublicSuffixList* psl_;
};

// The host of "scheme://host[:port][/...]" (brackets kept for IPv6), or empty when malformed.
std::string_view origin_host(std::string_view origin);

}  // namespace cookiewarden
