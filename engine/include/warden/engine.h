// The compiled engine: classify and decide requests and cookie writes.
//
// Lifecycle: an EngineBuilder (engine_builder.h) turns vendor databases, filter lists and the
// public suffix list into one byte buffer. Engine::load() views that buffer without parsing it
// (bounds-checked header and section table; the CRC is checked by verify_snapshot() in
// snapshot.h); the buffer must outlive the Engine. An Engine is cheap to copy (a few views) and
// keeps no state between calls: what deciding reuses (the parsed page, buffers) lives in the
// caller's DecisionContext (decision_context.h), one per thread, so several threads may decide with
// one Engine. Deciding with a reused context does not allocate once its buffers have grown.
//
// Classification, in order:
//  1. vendor host rules: the longest matching host suffix, then the longest path prefix;
//  2. filter-list rules (category of the list): `@@` exceptions beat blocks unless `$important`.
//     A request a list exception rescued is necessary (the list says the page needs it);
//  3. nothing matched: first-party (same site as the top-level page) is necessary, rule
//     "first-party"; third-party is unknown.
// Cookies: curated vendor cookie rules, then imported ones (exact name over prefix, longer prefix
// over shorter, a rule whose domain matches over a name-only one), then the vendor of the script
// that wrote it, then the same first-/third-party default.
// Stored cookies: the vendor host rule that covers the cookie's domain and path (a cookie on a
// vendor's domain is the vendor's, whatever its name) unless a curated cookie rule names the cookie
// on a domain at least as specific, then the cookie rules as above, then the first-/third-party
// default. Their top-level site is the partition of a partitioned cookie; an
// unpartitioned cookie is sent wherever its own site is loaded, so its own site is the top-level
// site: the site whose policy (overrides included) can keep it.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "warden/decision.h"
#include "warden/decision_context.h"
#include "warden/policy.h"
#include "warden/public_suffix.h"
#include "warden/request.h"
#include "warden/status.h"

namespace warden {

struct EngineStats {
  std::size_t buffer_bytes = 0;
  std::size_t vendors = 0;
  std::size_t host_rules = 0;
  std::size_t cookie_rules = 0;
  std::size_t filter_rules = 0;
  std::size_t psl_rules = 0;
  std::size_t unindexed_rules = 0;  // patterns with no index key, tried on every request
  struct Section {
    std::string_view name;  // as engine/src/snapshot_layout.h names it
    std::size_t bytes = 0;
  };
  std::vector<Section> sections;  // the buffer's sections, in layout order
};

// One host rule as the buffer stores it (a vendor host rule or a `||host^` list rule): what other
// rule formats, such as declarativeNetRequest, are compiled from. The host is decoded from the
// buffer's front-coded blocks; the other strings are views into the engine buffer.
struct HostRuleInfo {
  std::string host;
  std::string_view path_prefix;  // vendor rules only
  RuleRef rule;                  // its text: Engine::rule_text()
  std::string_view vendor;       // display name; empty for list rules
  Category category = Category::unknown;
  std::uint16_t flags = 0;       // FilterFlag (filter_list.h)
  ResourceTypeMask types = kAllResourceTypes;
  bool has_domains = false;      // narrowed by `domain=`
};

class Engine {
 public:
  static Result<Engine> load(std::span<const std::uint8_t> buffer);

  // Decision = the classification and the policy's action on the top-level site.
  Result<Classification> classify(const Request& request, DecisionContext& context) const;
  Result<Classification> classify(const CookieWrite& cookie, DecisionContext& context) const;
  Result<Classification> classify(const StoredCookie& cookie, DecisionContext& context) const;
  Result<Decision> decide(const Request& request, const Policy& policy, DecisionContext& context) const;
  Result<Decision> decide(const CookieWrite& cookie, const Policy& policy, DecisionContext& context) const;
  Result<Decision> decide(const StoredCookie& cookie, const Policy& policy, DecisionContext& context) const;

  // One-off calls with a fresh context each (an allocation per call): for tools and tests, not loops.
  Result<Classification> classify(const Request& request) const;
  Result<Classification> classify(const CookieWrite& cookie) const;
  Result<Classification> classify(const StoredCookie& cookie) const;
  Result<Decision> decide(const Request& request, const Policy& policy) const;
  Result<Decision> decide(const CookieWrite& cookie, const Policy& policy) const;
  Result<Decision> decide(const StoredCookie& cookie, const Policy& policy) const;

  // The text of the rule `ref` names, as written ("||doubleclick.net^", "cookie _ga",
  // "first-party"); empty for none or a ref this engine did not produce. A view into the engine when
  // the buffer stores the text whole, else built in `storage` (then valid until `storage` changes).
  std::string_view rule_text(RuleRef ref, std::string& storage) const;
  std::string rule_text(RuleRef ref) const;  // for tools and tests

  const PublicSuffixList& public_suffixes() const;
  std::string_view site_of(std::string_view host) const { return public_suffixes().site_of(host); }
  EngineStats stats() const;
  // Every host rule, in table order (grouped by host, the hosts in the order of their reversed bytes).
  std::vector<HostRuleInfo> host_rules() const;
  // One host rule at a time, for callers that keep only some of them (dnr_host_rules()): the whole
  // list is ~80 bytes a rule, a peak that WebAssembly's linear memory never gives back. The walk
  // decodes each host once; host_rule(i) decodes the block holding rule i's host.
  void for_each_host_rule(const std::function<void(const HostRuleInfo&)>& f) const;  // valid during the call
  std::size_t host_rule_count() const;
  HostRuleInfo host_rule(std::size_t i) const;  // i < host_rule_count()

 private:
  Engine(std::span<const std::uint8_t> buffer, PublicSuffixList psl, std::uint64_t id)
      : buffer_(buffer), psl_(psl), id_(id) {}
  // `top_site` receives the site whose policy applies (a view into `scratch`).
  using Scratch = DecisionContext::Scratch;
  Result<Classification> classify_request(const Request& request, Scratch& scratch, std::string_view& top_site) const;
  Result<Classification> classify_write(const CookieWrite& cookie, Scratch& scratch, std::string_view& top_site) const;
  Result<Classification> classify_stored(const StoredCookie& cookie, Scratch& scratch, std::string_view& top_site) const;
  std::span<const std::uint8_t> buffer_;  // passed the structural check; layout: engine/src/snapshot_layout.h
  PublicSuffixList psl_;
  std::uint64_t id_;  // distinct per load(): keys what a DecisionContext keeps (another engine, another PSL)
};

}  // namespace warden
