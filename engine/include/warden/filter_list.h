// Filter lists in Adblock Plus / uBlock Origin *network* filter syntax.
//
// Supported: `||host^` and `|` anchors, `^` separators, `*` wildcards, plain substrings,
// `/regex/` (the subset regex_matcher.h implements), `@@` exceptions, and the options
// third-party/3p, first-party/1p, ~third-party, the resource types (script, image,
// stylesheet/css, xmlhttprequest/xhr, subdocument/frame, ping/beacon, media, font, websocket,
// object, other, document/doc = main_frame, all) and their `~` negations, domain=/from= with `~`
// and `|`, match-case, important, badfilter.
//
// Everything else is skipped and counted by reason in FilterListReport: comments, headers,
// cosmetic rules and scriptlets, and any rule carrying an option the engine does not implement
// (removeparam=, csp=, popup, redirect-rule=, ...): such a rule is never loaded half-understood.
// Options ignored because they change nothing about a network block decision: `collapse` (an
// Adblock Plus element-hiding hint) and uBO's no-op `_`. One exception, counted separately in
// FilterListReport::loaded_without: `redirect=` (and Adblock Plus `rewrite=`) block filters are
// loaded as plain blocks without the replacement resource, because they *are* blocks in uBO and
// Ghostery (skipping them would let e.g. chartbeat_mab.js through).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "warden/category.h"
#include "warden/request.h"

namespace warden {

// Persisted in compiled buffers: append only, do not reorder.
//   bit: 0 exception (@@) | 1 important | 2 first-party | 3 third-party | 4 match-case
//        5 left anchor `|` | 6 right anchor `|` | 7 hostname anchor `||` | 8 regex
//        9 pattern is a plain host (`||host^`) | 10 vendor host rule (not from a list)
enum FilterFlag : std::uint16_t {
  kFilterException = 1u << 0,
  kFilterImportant = 1u << 1,
  kFilterFirstParty = 1u << 2,
  kFilterThirdParty = 1u << 3,
  kFilterMatchCase = 1u << 4,
  kFilterLeftAnchor = 1u << 5,
  kFilterRightAnchor = 1u << 6,
  kFilterHostAnchor = 1u << 7,
  kFilterRegex = 1u << 8,
  kFilterPlainHost = 1u << 9,
  kRuleFromVendor = 1u << 10,
};

// What a list says about the request's frame: `domain=a.example|~b.a.example|shop.*`.
struct DomainConstraint {
  std::string domain;    // lower-case; for an entity ("shop.*") without the ".*"
  bool negated = false;
  bool entity = false;
};

struct NetworkFilter {
  std::string text;     // the rule as written, for explanations
  std::string pattern;  // lower-case unless match-case; the host for plain-host rules; regex source
  std::uint16_t flags = 0;
  ResourceTypeMask types = kAllResourceTypes;
  std::vector<DomainConstraint> domains;
};

// What loading one filter list did: how many rules became engine rules, and how many were
// skipped, by reason ("cosmetic", "unsupported option $redirect", ...).
struct FilterListReport {
  std::string name;
  Category category = Category::unknown;
  std::size_t lines = 0;
  std::size_t loaded = 0;
  std::map<std::string, std::size_t> skipped;
  std::map<std::string, std::size_t> loaded_without;  // loaded, minus this option ("$redirect")
};

// One line: a filter, or the reason it was not turned into one.
struct ParsedFilter {
  std::optional<NetworkFilter> filter;
  std::string skip_reason;     // empty for blank lines and for filters
  std::string dropped_option;  // the filter was loaded without this option ("$redirect")
  bool badfilter = false;   // the filter disables the identical filter without `badfilter`
};

ParsedFilter parse_filter(std::string_view line);

struct ParsedFilterList {
  std::vector<NetworkFilter> filters;
  FilterListReport report;
};

// Parses a whole list, applies its `badfilter` rules, and reports what was skipped.
ParsedFilterList parse_filter_list(std::string_view name, std::string_view text, Category category);

}  // namespace warden
