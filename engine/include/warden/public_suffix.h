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
  // Compiles the text of public_suffix_list.dat into the blob form. Unicode (IDN) rules become
  // "xn--" labels. A rule it cannot read is Status::invalid_rule (or unsupported, for a wildcard
  // that is not the whole leftmost label), a list without rules Status::invalid_argument; the
  // detail names the line.
  static Result<std::vector<std::uint8_t>> compile(std::string_view dat_text);
  // Views a blob; validates its header and every slot's bounds (one pass, no allocation), so any
  // accepted blob is safe to query. Status::corrupt_buffer, or version_mismatch for another format
  // version. The bytes must outlive the view; they need no particular alignment.
  static Result<PublicSuffixList> view(std::span<const std::uint8_t> blob);
  // The copy compiled into this binary at build time (engine/rules/public_suffix_list.dat). It
  // lives in its own object file, so a binary (or the WASM module) that never calls this does not
  // carry the blob.
  static const PublicSuffixList& builtin();

  // All three take a normalised host (lower-case ASCII, no trailing dot; see url.h) and return a
  // view into it; they never allocate. Rules match ASCII case-insensitively all the same.
  // The public suffix under the PSL algorithm (implicit "*" rule for unlisted TLDs); empty for an
  // IP literal, an empty host, or a host with an empty label (".com", "a..b", "a.com.").
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
