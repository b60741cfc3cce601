// The Public Suffix List (ICANN and PRIVATE sections) in a compact, flat, relocatable form.
//
// The list is compiled once (at build time for the built-in copy, or by the engine builder) into
// a little-endian byte blob; a PublicSuffixList is a bounds-checked view over such a blob, so
// it can live inside the engine's single compiled buffer and load without parsing.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "warden/status.h"

namespace warden {

class PublicSuffixList {
 public:
  // Compiles the text of public_suffix_list.dat into the blob form.
  static Result<std::vector<std::uint8_t>> compile(std::string_view dat_text);
  // Views a blob; validates its header and bounds. The bytes must outlive the view.
  static Result<PublicSuffixList> view(std::span<const std::uint8_t> blob);
  // The copy compiled into this binary at build time (engine/rules/public_suffix_list.dat).
  // Not available in the WASM build, which always takes the list from the engine buffer.
  static const PublicSuffixList& builtin();

  // Both take a normalised host (lower-case ASCII, no trailing dot; see url.h).
  // The public suffix under the PSL algorithm (implicit "*" rule for unlisted TLDs).
  std::string_view public_suffix(std::string_view host) const;
  // eTLD+1, or empty when the host is itself a public suffix, an IP literal or empty.
  std::string_view registrable_domain(std::string_view host) const;
  // What "site" means everywhere in the product: the registrable domain, or the host itself
  // when it has none (IP literals, "localhost", a bare public suffix).
  std::string_view site_of(std::string_view host) const;

  std::size_t rule_count() const;
  std::span<const std::uint8_t> bytes() const { return blob_; }

 private:
  explicit PublicSuffixList(std::span<const std::uint8_t> blob) : blob_(blob) {}
  std::span<const std::uint8_t> blob_;
};

}  // namespace warden
