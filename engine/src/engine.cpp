#include "warden/engine.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "crc32.h"
#include "host_names.h"
#include "regex_matcher.h"
#include "request_url.h"
#include "snapshot_layout.h"
#include "string_hash.h"
#include "url_pattern.h"
#include "url_tokens.h"
#include "warden/filter_list.h"
#include "warden/snapshot.h"
#include "warden/url.h"

namespace warden {
namespace {

using namespace snapshot;

constexpr std::string_view kFirstPartyRule = "first-party";
constexpr RuleRef kFirstPartyRef(RuleRef::Kind::first_party, 0);

// Whether `path` starts with a vendor rule's path prefix, in which a '*' segment stands for one
// path segment of at least one character (vendor_database.h): "/*/fbevents.js" for any locale.
bool vendor_path_matches(std::string_view prefix, std::string_view path) {
  std::size_t at = 0;
  for (char c : prefix) {
    if (c == '*') {
      std::size_t end = path.find_first_of("/?", at);
      if (end == std::string_view::npos) end = path.size();
      if (end == at) return false;
      at = end;
    } else if (at == path.size() || path[at++] != c) {
      return false;
    }
  }
  return true;
}

// A category byte read from the buffer; a corrupted one must not index the policy's tables.
Category category_of(std::uint8_t byte) {
  return byte < kCategoryCount ? static_cast<Category>(byte) : Category::unknown;
}
// The label suffixes of a host, longest first: "a.b.example.com", "b.example.com", ...
struct HostKeys {
  static constexpr int kMax = 16;  // deeper hosts keep their 16 shortest suffixes
  static constexpr std::uint32_t kNotLookedUp = 0xFFFFFFFE;
  std::uint32_t hash[kMax];
  std::uint16_t begin[kMax];
  // Each suffix's first host record (View::host_records()), found on first use: the last request
  // hosts' keys are kept (RecentHosts), and a lookup walks a host block.
  mutable std::uint32_t first_record[kMax];
  int count = 0;

  void compute(std::string_view host) {
    count = 0;
    std::fill(std::begin(first_record), std::end(first_record), kNotLookedUp);
    if (host.empty()) return;
    std::size_t labels = 1;
    for (char c : host) labels += c == '.';
    std::size_t skip = labels > kMax ? labels - kMax : 0;
    std::size_t start = 0;
    for (std::size_t label = 0; label < labels; ++label) {
      if (label >= skip) {
        hash[count] = hash_string(host.substr(start));
        begin[count] = static_cast<std::uint16_t>(start);
        ++count;
      }
      std::size_t dot = host.find('.', start);
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
};

// A parsed page URL and its site, kept while the next request comes from the same page (they
// come in bursts): parsing and the public suffix lookup then happen once per page.
// Keyed by the engine too: another engine may have another public suffix list.
struct PageUrl {
  std::string text;  // what `url` was parsed from; empty when nothing valid is cached
  std::uint64_t engine = 0;
  Url url;
  std::string_view site;
  HostKeys keys;  // of url.host

  Status parse(std::string_view input, const PublicSuffixList& psl, std::uint64_t engine_id) {
    if (!text.empty() && engine == engine_id && same_text(input)) return Status::ok;
    // `input` may be `text` itself (DecisionContext::page_top() passed back): parse before replacing it.
    if (Status s = parse_url(input, url); s != Status::ok) {
      text.clear();
      return s;
    }
    site = psl.site_of(url.host);
    keys.compute(url.host);
    text.assign(input);
    engine = engine_id;
    return Status::ok;
  }

  // `input` is most often `text` itself (the WASM module passes the page it holds back): then no
  // byte compare, which WebAssembly's libc does one byte at a time over a whole URL.
  bool same_text(std::string_view input) const {
    return (input.data() == text.data() && input.size() == text.size()) || input == text;
  }
};

// The request host's site and suffix keys, kept while requests go to the same host: they come
// in bursts (47% of the request set has the previous request's host), and the public suffix
// lookup and the suffix hashes are most of what a host costs.
struct RequestHost {
  std::string host;  // what the rest was computed for; empty when nothing is cached
  std::uint64_t engine = 0;
  std::size_t site_begin = 0;
  HostKeys keys;

  bool holds(std::string_view input, std::uint64_t engine_id) const {
    return !host.empty() && engine == engine_id && input == host;
  }
  void compute(std::string_view input, const PublicSuffixList& psl, std::uint64_t engine_id) {
    host.assign(input);
    engine = engine_id;
    site_begin = host.size() - psl.site_of(host).size();
    keys.compute(host);
  }
};

// The last few request hosts (RequestHost): a page's requests go to a handful of hosts in turn,
// and with each host kept its host rule lookups (HostKeys::first_record) are made once, not once
// each time requests come back to it.
struct RecentHosts {
  static constexpr std::size_t kCount = 8;
  std::array<RequestHost, kCount> entries;
  std::size_t oldest = 0;

  const RequestHost& of(std::string_view host, const PublicSuffixList& psl, std::uint64_t engine_id) {
    for (const RequestHost& e : entries)
      if (e.holds(host, engine_id)) return e;
    RequestHost& e = entries[oldest];
    oldest = (oldest + 1) % kCount;
    e.compute(host, psl, engine_id);
    return e;
  }
};

std::atomic<std::uint64_t> next_engine_id{1};

}  // namespace

// Kept by the caller (decision_context.h) so that deciding does not allocate once the strings
// have grown, and so that a decision depends on nothing but its arguments.
struct DecisionContext::Scratch {
  Url request, script;
  PageUrl top, frame;
  bool frame_apart = false;  // the last request's frame was parsed apart from its top-level page
  RecentHosts hosts;
  std::string partition;    // a stored cookie's partition host
  std::string cookie_path;  // a stored cookie's path, ending in '/'
  std::string url;        // the canonical URL when the input was not (request_url.h)
  std::string url_lower;  // the canonical URL, lower-case
  UrlTokens tokens;
};

DecisionContext::DecisionContext() : scratch_(std::make_unique<Scratch>()) {}
DecisionContext::~DecisionContext() = default;
DecisionContext::DecisionContext(DecisionContext&&) noexcept = default;
DecisionContext& DecisionContext::operator=(DecisionContext&&) noexcept = default;

std::string_view DecisionContext::page_top() const { return scratch_->top.text; }
std::string_view DecisionContext::page_frame() const {
  return scratch_->frame_apart ? std::string_view(scratch_->frame.text) : std::string_view{};
}

namespace {

using Scratch = DecisionContext::Scratch;

struct RequestContext {
  std::string_view host, site, path;
  std::string_view frame_host, frame_site, top_site;
  const HostKeys* host_keys = nullptr;
  const HostKeys* frame_keys = nullptr;
  // Computed on first use: only `domain=entity.*` rules need the frame's public suffix.
  const PublicSuffixList* psl = nullptr;
  mutable bool entities_ready = false;
  mutable std::string_view entity_base;  // frame host without its public suffix ("www.shop" of www.shop.co.uk)
  mutable HostKeys entity_keys;
  UrlView url, url_lower;
  ResourceTypeMask type = 0;
  bool third_party_frame = false;  // what `$third-party` means: request site vs frame site
  bool third_party_top = false;    // what Classification::third_party means
  std::span<const UrlToken> tokens, suffixes;
};

// uBO's entities: `domain=shop.*` matches a frame whose host, without its public suffix, is or
// ends with the label "shop".
void compute_entity_keys(const RequestContext& ctx) {
  ctx.entities_ready = true;
  ctx.entity_keys.count = 0;
  ctx.entity_base = {};
  std::string_view host = ctx.frame_host;
  std::string_view suffix = ctx.psl->public_suffix(host);
  if (suffix.empty() || suffix.size() + 1 >= host.size()) return;
  ctx.entity_base = host.substr(0, host.size() - suffix.size() - 1);
  ctx.entity_keys.compute(ctx.entity_base);
}

class View {
 public:
  // `buffer` passed the structural check.
  explicit View(std::span<const std::uint8_t> buffer)
      : strings_(section_bytes(buffer, kStrings)),
        vendors_(table_of<kVendors, VendorRecord>(buffer)),
        host_names_(section_bytes(buffer, kHostNames)),
        host_blocks_(table_of<kHostBlocks, HostBlock>(buffer)),
        host_bloom_(table_of<kHostBloom, std::uint32_t>(buffer)),
        host_rules_(table_of<kHostRules, HostRuleRecord>(buffer)),
        host_extras_(table_of<kHostExtras, HostExtra>(buffer)),
        host_options_(table_of<kHostOptions, HostOptions>(buffer)),
        token_slots_(table_of<kTokenSlots, HashSlot>(buffer)),
        token_bloom_(table_of<kTokenBloom, std::uint32_t>(buffer)),
        suffix_bloom_(table_of<kSuffixBloom, std::uint32_t>(buffer)),
        pattern_index_(table_of<kPatternIndex, IndexEntry>(buffer)),
        patterns_(table_of<kPatterns, PatternRecord>(buffer)),
        domains_(table_of<kDomains, DomainRecord>(buffer)),
        cookie_slots_(table_of<kCookieSlots, HashSlot>(buffer)),
        cookie_rules_(table_of<kCookieRules, CookieRecord>(buffer)),
        meta_(table_of<kMeta, Meta>(buffer)[0]) {}

  std::string_view str(std::uint32_t offset, std::uint32_t length) const {
    if (std::uint64_t{offset} + length > strings_.size()) return {};
    return {reinterpret_cast<const char*>(strings_.data()) + offset, length};
  }
  std::string_view str(StringRef r) const { return str(r.offset, r.length); }

  std::size_t host_rule_count() const { return host_rules_.size(); }
  const BloomBits& suffix_bloom() const { return suffix_bloom_; }

  HostRuleInfo host_rule(std::size_t i) const {
    HostRuleInfo info;
    append_host(static_cast<std::uint32_t>(i), info.host);
    describe(static_cast<std::uint32_t>(i), info);
    return info;
  }

  // f(const HostRuleInfo&) for every host rule in table order, each host decoded once.
  template <class F>
  void for_each_host_rule(F&& f) const {
    HostRuleInfo info;
    for (std::size_t b = 0; b < host_blocks_.size(); ++b)
      walk_block(b, [&](std::string_view key, std::uint32_t first) {
        info.host.assign(key.rbegin(), key.rend());
        for (std::uint32_t j = first; j < host_rules_.size(); ++j) {
          describe(j, info);
          f(static_cast<const HostRuleInfo&>(info));
          if (host_rules_[j].last_of_host()) break;
        }
        return true;
      });
  }

  // Everything of rule `index` but its host.
  void describe(std::uint32_t index, HostRuleInfo& info) const {
    const HostRuleRecord r = host_rules_[index];
    const HostExtra x = extra_of(index, r);
    const HostOptions o = options_of(r);
    info.path_prefix = path_of(x);
    info.rule = RuleRef(RuleRef::Kind::host, index);
    info.vendor = vendor_name(x.vendor);
    info.category = category_of(o.category);
    info.flags = o.flags;
    info.types = o.types;
    info.has_domains = x.domains_count != 0;
  }

  // Rule texts (Engine::rule_text()): stored whole, except a host rule's in the forms
  // HostTextForm names, which is assembled in `storage`.
  std::string_view rule_text(RuleRef ref, std::string& storage) const {
    const std::uint32_t i = ref.index();
    switch (ref.kind()) {
      case RuleRef::Kind::none: return {};
      case RuleRef::Kind::first_party: return kFirstPartyRule;
      case RuleRef::Kind::pattern: return i < patterns_.size() ? str(patterns_[i].text_offset, patterns_[i].text_length) : std::string_view{};
      case RuleRef::Kind::cookie: return i < cookie_rules_.size() ? str(cookie_rules_[i].text) : std::string_view{};
      case RuleRef::Kind::host: return i < host_rules_.size() ? host_rule_text(i, storage) : std::string_view{};
    }
    return {};
  }

  std::string_view host_rule_text(std::uint32_t index, std::string& storage) const {
    const HostRuleRecord r = host_rules_[index];
    const HostOptions o = options_of(r);
    const std::string_view tail = str(o.tail);
    if (o.form == kTextVerbatim) return tail;
    storage.clear();
    if (o.flags & kFilterException) storage += "@@";
    if (o.form == kTextBarsHost) {
      storage += "||";
      append_host(index, storage);
      storage += '^';
    } else {
      append_host(index, storage);
      storage += path_of(extra_of(index, r));
    }
    storage += tail;
    return storage;
  }

  std::string_view vendor_name(std::uint16_t vendor) const {
    return vendor == kNoVendor ? std::string_view{} : str(vendors_[vendor].name);
  }

  template <class F>
  static void probe(const Table<HashSlot>& slots, std::uint32_t hash, F&& f) {
    std::size_t cap = slots.size();
    if (cap == 0) return;
    std::size_t mask = cap - 1;
    for (std::size_t i = hash & mask, n = 0; n < cap; i = (i + 1) & mask, ++n) {
      HashSlot slot = slots[i];
      if (slot.range == 0) return;
      if (slot.hash == hash && f(slot.begin(), slot.count())) return;
    }
  }

  // Out of range (a corrupt buffer): a zeroed record, which matches no type.
  HostOptions options_of(const HostRuleRecord& r) const { return host_options_[r.options()]; }

  // The extra of record `index` (host_extras is sorted by record): a binary search over the few
  // records that have one.
  HostExtra extra_of(std::uint32_t index, const HostRuleRecord& r) const {
    const HostExtra none{index, 0, 0, 0, kNoVendor, 0, 0, 0};
    if (!r.has_extra()) return none;
    std::size_t lo = 0, hi = host_extras_.size();
    while (lo < hi) {
      std::size_t mid = lo + (hi - lo) / 2;
      if (host_extras_[mid].rule < index) lo = mid + 1;
      else hi = mid;
    }
    return lo < host_extras_.size() && host_extras_[lo].rule == index ? host_extras_[lo] : none;
  }

  // Calls f(index, record) for each record of suffix `k` of `host` (`keys`), in table order.
  template <class F>
  void for_host(std::string_view host, const HostKeys& keys, int k, F&& f) const {
    std::uint32_t& first = keys.first_record[k];
    if (first == HostKeys::kNotLookedUp) first = host_records(host.substr(keys.begin[k]), keys.hash[k]);
    for (std::uint32_t j = first; j < host_rules_.size(); ++j) {
      const HostRuleRecord r = host_rules_[j];
      f(j, r);
      if (r.last_of_host()) break;
    }
  }

  // The first record of host `suffix` (hash `hash`); past the records when there is none.
  std::uint32_t host_records(std::string_view suffix, std::uint32_t hash) const {
    if (suffix.size() > kMaxHostLength || !host_bloom_.may_hold(hash) || !host_bloom_.may_hold(second_host_key(hash)))
      return kNoRecord;
    char key[kMaxHostLength];
    std::reverse_copy(suffix.begin(), suffix.end(), key);
    return find_host({key, suffix.size()});
  }

  // The first record of the host whose host_names key is `key`; past the records when there is none.
  std::uint32_t find_host(std::string_view key) const {
    // The block to search is the last whose first host is not after `key`.
    const std::uint64_t prefix = prefix_order(key_prefix(key).data());
    std::size_t lo = 0, hi = host_blocks_.size();
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      const std::uint64_t first = prefix_order(host_blocks_[mid].first_key);
      const int order = prefix != first ? (prefix < first ? -1 : 1) : compare_with_first(block_bytes(mid), key);
      if (order >= 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo == 0) return kNoRecord;
    const std::size_t position = find_in_block(block_bytes(lo - 1), key);
    if (position == kNotInBlock) return kNoRecord;
    std::uint32_t first = host_blocks_[lo - 1].first_record;
    for (std::size_t p = 0; p < position; ++p) first = end_of_host(first);
    return first;
  }

  // Appends the host of rule `index`: the block holding it is the last that starts at or before
  // its record.
  void append_host(std::uint32_t index, std::string& out) const {
    std::size_t lo = 0, hi = host_blocks_.size();
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (host_blocks_[mid].first_record <= index) lo = mid + 1;
      else hi = mid;
    }
    if (lo == 0) return;
    walk_block(lo - 1, [&](std::string_view key, std::uint32_t first) {
      if (index < first) return false;
      if (index >= end_of_host(first)) return true;
      out.append(key.rbegin(), key.rend());
      return false;
    });
  }

  // Calls f(key, first record) for each host of block `b` in order, while f returns true.
  template <class F>
  void walk_block(std::size_t b, F&& f) const {
    HostBlockReader reader(block_bytes(b));
    for (std::uint32_t first = host_blocks_[b].first_record; reader.next(); first = end_of_host(first))
      if (!f(reader.key(), first)) return;
  }

  std::span<const std::uint8_t> block_bytes(std::size_t b) const {
    const std::size_t begin = host_blocks_[b].names_offset;
    const std::size_t end = b + 1 < host_blocks_.size() ? host_blocks_[b + 1].names_offset : host_names_.size();
    if (begin > end || end > host_names_.size()) return {};
    return host_names_.subspan(begin, end - begin);
  }

  // The record after the last of the host whose first record is `first`.
  std::uint32_t end_of_host(std::uint32_t first) const {
    std::uint32_t j = first;
    while (j < host_rules_.size() && !host_rules_[j].last_of_host()) ++j;
    return j + 1;
  }

  static constexpr std::uint32_t kNoRecord = 0xFFFFFFFF;

  // A vendor rule's path prefix.
  std::string_view path_of(const HostExtra& x) const {
    return x.path_length == 0 ? std::string_view{} : str(x.path_offset, x.path_length);
  }

  struct VendorHit {
    std::uint32_t index = 0;
    std::size_t host_length = 0;
    HostOptions options{};
    HostExtra extra{};
  };

  // A vendor record of the host table that matches `suffix` and whose path prefix starts `path`
  // becomes `out` when it is the first found or has a longer prefix. `above_site`: the suffix is
  // shorter than the host's site, i.e. a public suffix (web.app, firebaseapp.com) with everyone's
  // sites under it; a rule there covers them only through its path (Firebase Hosting's reserved
  // /__/), and a bare host rule matches the suffix's own host alone.
  bool consider_vendor(std::uint32_t index, const HostRuleRecord& r, std::string_view suffix, std::string_view path,
                       bool above_site, bool found, VendorHit& out) const {
    HostExtra x = extra_of(index, r);
    if (above_site && x.path_length == 0) return false;
    if (!vendor_path_matches(path_of(x), path)) return false;
    if (!found || x.path_length > out.extra.path_length) out = {index, suffix.size(), options_of(r), x};
    return true;
  }

  // Longest host suffix with a vendor rule, then its longest matching path prefix. `site` is the
  // host's site (PublicSuffixList::site_of).
  bool find_vendor(const HostKeys& keys, std::string_view host, std::string_view site, std::string_view path,
                   VendorHit& out) const {
    for (int k = 0; k < keys.count; ++k) {
      std::string_view suffix = host.substr(keys.begin[k]);
      const bool above_site = suffix.size() < site.size();
      bool found = false;
      for_host(host, keys, k, [&](std::uint32_t i, const HostRuleRecord& r) {
        if (options_of(r).flags & kRuleFromVendor) found = consider_vendor(i, r, suffix, path, above_site, found, out) || found;
      });
      if (found) return true;
    }
    return false;
  }

  enum class Want { block, exception, important };

  struct ListHit {
    std::uint8_t category = 0;
    std::uint16_t flags = 0;
    RuleRef rule;
  };

  // What the host table holds for a request, gathered in one walk over its suffixes: the vendor
  // rule find_vendor() would return, and for each Want the first list rule find_list() would
  // meet there. One probe per suffix instead of one per suffix and lookup.
  struct HostHits {
    bool vendor_found = false;
    VendorHit vendor;
    bool found[3] = {false, false, false};  // by Want
    ListHit list[3];
  };

  void scan_hosts(const RequestContext& ctx, HostHits& out) const {
    const HostKeys& keys = *ctx.host_keys;
    for (int k = 0; k < keys.count && !out.vendor_found; ++k) {
      std::string_view suffix = ctx.host.substr(keys.begin[k]);
      const bool above_site = suffix.size() < ctx.site.size();
      bool vendor_here = false;
      for_host(ctx.host, keys, k, [&](std::uint32_t i, const HostRuleRecord& r) {
        if (options_of(r).flags & kRuleFromVendor)
          vendor_here = consider_vendor(i, r, suffix, ctx.path, above_site, vendor_here, out.vendor) || vendor_here;
        else
          consider_list(i, r, ctx, out);
      });
      out.vendor_found = vendor_here;
    }
  }

  // A list record of the host table, for each Want that has not found its rule yet.
  void consider_list(std::uint32_t index, const HostRuleRecord& r, const RequestContext& ctx,
                     HostHits& out) const {
    const HostOptions o = options_of(r);
    bool wants_it = false;
    for (Want w : {Want::block, Want::exception, Want::important})
      wants_it = wants_it || (!out.found[static_cast<int>(w)] && wanted(o.flags, w));
    if (!wants_it || !type_and_party_match(o.flags, o.types, ctx)) return;
    HostExtra x = extra_of(index, r);
    if (!domains_match(x.domains_begin, x.domains_count, x.domain_flags, ctx)) return;
    for (Want w : {Want::block, Want::exception, Want::important}) {
      auto i = static_cast<int>(w);
      if (out.found[i] || !wanted(o.flags, w)) continue;
      out.found[i] = true;
      out.list[i] = {o.category, o.flags, RuleRef(RuleRef::Kind::host, index)};
    }
  }

  bool find_list(const RequestContext& ctx, const HostHits& hosts, Want want, ListHit& hit) const {
    if (hosts.found[static_cast<int>(want)]) {
      hit = hosts.list[static_cast<int>(want)];
      return true;
    }
    return find_in_patterns(ctx, want, hit);
  }

  struct CookieHit {
    std::uint32_t index = 0;
    CookieRecord rule{};
  };

  // The cookie rule with the highest rank (see engine.h), if any.
  bool find_cookie(std::string_view name, std::string_view domain, CookieHit& out) const {
    std::uint64_t best = 0;
    auto consider = [&](std::size_t index, const CookieRecord& r, bool exact) {
      std::string_view rule_domain = str(r.domain);
      bool constrained = r.domain.length != 0;
      if (constrained && !host_within(domain, rule_domain)) return;
      std::uint64_t rank = (std::uint64_t{!(r.flags & kCookieImported)} << 40) | (std::uint64_t{exact} << 39) |
                           (std::uint64_t{r.name.length} << 1) | std::uint64_t{constrained};
      if (rank + 1 > best) {
        best = rank + 1;
        out = {static_cast<std::uint32_t>(index), r};
      }
    };
    std::uint32_t prefix_begin = meta_.cookie_prefix_begin;
    probe(cookie_slots_, hash_string(name), [&](std::uint32_t begin, std::uint32_t count) {
      for (std::uint32_t i = begin; i < begin + count && i < prefix_begin; ++i) {
        CookieRecord r = cookie_rules_[i];
        if (str(r.name) == name) consider(i, r, true);
      }
      return false;
    });
    for (std::size_t i = prefix_begin; i < cookie_rules_.size(); ++i) {
      CookieRecord r = cookie_rules_[i];
      if (r.name.length <= name.size() && name.substr(0, r.name.length) == str(r.name)) consider(i, r, false);
    }
    return best != 0;
  }

 private:
  static bool host_within(std::string_view host, std::string_view domain) {
    if (domain.empty() || host.size() < domain.size()) return false;
    if (host.substr(host.size() - domain.size()) != domain) return false;
    return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
  }

  static bool wanted(std::uint16_t flags, Want want) {
    switch (want) {
      case Want::block: return !(flags & kFilterException);
      case Want::exception: return flags & kFilterException;
      case Want::important: return !(flags & kFilterException) && (flags & kFilterImportant);
    }
    return false;
  }

  // Looks the keys up in a rule's domain run (sorted by hash); true when a negated entry matched.
  bool excluded_by(std::uint32_t begin, std::uint32_t end, const HostKeys& keys, std::string_view host, bool entity,
                   bool& included) const {
    for (int k = 0; k < keys.count; ++k) {
      const std::uint32_t hash = keys.hash[k];
      std::uint32_t lo = begin, hi = end;
      while (lo < hi) {
        std::uint32_t mid = lo + (hi - lo) / 2;
        if (domains_[mid].hash < hash) lo = mid + 1;
        else hi = mid;
      }
      for (std::uint32_t i = lo; i < end; ++i) {
        DomainRecord d = domains_[i];
        if (d.hash != hash) break;
        if (((d.flags & kDomainEntity) != 0) != entity || host.substr(keys.begin[k]) != str(d.offset, d.length)) continue;
        if (d.flags & kDomainNegated) return true;
        included = true;
      }
    }
    return false;
  }

  bool domains_match(std::uint32_t begin, std::uint16_t count, std::uint8_t flags, const RequestContext& ctx) const {
    if (count == 0) return true;
    if (std::uint64_t{begin} + count > domains_.size()) return false;
    const std::uint32_t end = begin + count;
    bool included = false;
    if (excluded_by(begin, end, *ctx.frame_keys, ctx.frame_host, false, included)) return false;
    if (flags & kDomainsHaveEntities) {
      if (!ctx.entities_ready) compute_entity_keys(ctx);
      if (excluded_by(begin, end, ctx.entity_keys, ctx.entity_base, true, included)) return false;
    }
    return included || !(flags & kDomainsHaveIncludes);
  }

  static bool type_and_party_match(std::uint16_t flags, std::uint16_t types, const RequestContext& ctx) {
    if (!(types & ctx.type)) return false;
    if ((flags & kFilterThirdParty) && !ctx.third_party_frame) return false;
    return !((flags & kFilterFirstParty) && ctx.third_party_frame);
  }

  // What a bucket entry answers by itself (IndexEntry): wanted, type and party, and for a pinned
  // token the URL bytes around `token`, the URL token the entry was found under (null for the
  // fallback and domain-keyed entries). A pinned pattern that matches has its token exactly
  // there, as a whole URL token: its literal neighbours must be the URL's.
  static bool entry_may_match(const IndexEntry& e, Want want, const RequestContext& ctx, const UrlToken* token) {
    if (!wanted(e.flags, want) || !type_and_party_match(e.flags, e.types, ctx)) return false;
    if (token == nullptr) return true;
    std::string_view url = (e.flags & kFilterMatchCase) ? ctx.url.text : ctx.url_lower.text;
    for (std::size_t k = 0; k < kEntryAfterBytes && e.after[k] != 0; ++k) {
      const std::size_t at = token->end + k;
      if (at >= url.size() || static_cast<std::uint8_t>(url[at]) != e.after[k]) return false;
    }
    return e.before == 0 ||
           (token->position > 0 && token->position <= url.size() &&
            static_cast<std::uint8_t>(url[token->position - 1]) == e.before);
  }

  // `token_position`: where the URL token the pattern was found under starts, or npos.
  bool pattern_hit(std::uint32_t id, std::size_t token_position, const RequestContext& ctx, Want want,
                   ListHit& hit) const {
    PatternRecord r = patterns_[id];
    // A corrupted buffer may disagree with its index entry: the record decides.
    if (!wanted(r.flags, want) || !type_and_party_match(r.flags, r.types, ctx)) return false;
    std::string_view pattern = str(r.pattern_offset, r.pattern_length);
    const bool match_case = r.flags & kFilterMatchCase;
    const UrlView& url = match_case ? ctx.url : ctx.url_lower;
    // A pattern pinned by its token is one comparison: check it before a long domain= list.
    // Anything else is a search over the URL: check the domains first.
    if (r.token_offset != kNoTokenOffset && token_position != std::string_view::npos && !(r.flags & kFilterRegex)) {
      if (token_position < r.token_offset ||
          !pattern_matches_at(pattern, r.flags, url, token_position - r.token_offset) ||
          !domains_match(r.domains_begin, r.domains_count, r.domain_flags, ctx))
        return false;
    } else {
      if (!domains_match(r.domains_begin, r.domains_count, r.domain_flags, ctx)) return false;
      bool matched = (r.flags & kFilterRegex) ? regex_search(pattern, url.text, !match_case)
                                              : pattern_matches(pattern, r.flags, url);
      if (!matched) return false;
    }
    hit = {r.category, r.flags, RuleRef(RuleRef::Kind::pattern, id)};
    return true;
  }

  // The patterns indexed under `key` (token_slots), if the bloom bitset does not rule it out.
  template <class F>
  void probe_token(std::uint32_t key, F&& f) const {
    if (!token_bloom_.empty() && !token_bloom_.may_hold(key)) return;
    probe(token_slots_, key, f);
  }

  // The entries [begin, begin + count) of pattern_index, in order, until one matches.
  bool bucket_hit(std::uint32_t begin, std::uint32_t count, const UrlToken* token, const RequestContext& ctx,
                  Want want, ListHit& hit) const {
    const std::size_t index_size = pattern_index_.size();
    for (std::uint32_t i = begin; i < begin + count && i < index_size; ++i) {
      IndexEntry e = pattern_index_[i];
      if (!entry_may_match(e, want, ctx, token)) continue;
      if (pattern_hit(e.pattern, token ? token->position : std::string_view::npos, ctx, want, hit)) return true;
    }
    return false;
  }

  bool find_in_patterns(const RequestContext& ctx, Want want, ListHit& hit) const {
    if (bucket_hit(0, meta_.fallback_count, nullptr, ctx, want, hit)) return true;
    const bool exception = want == Want::exception;
    auto key_of = [exception](std::uint32_t key) { return exception ? exception_key(key) : key; };
    // Before the other keys, where these patterns were before they had an index: the rule a
    // request reports stays the one it was.
    if (find_in_buckets(ctx.suffixes, key_of, ctx, want, hit)) return true;
    for (int k = 0; k < ctx.frame_keys->count; ++k) {
      bool found = false;
      probe_token(key_of(domain_key(ctx.frame_keys->hash[k])), [&](std::uint32_t begin, std::uint32_t count) {
        return found = bucket_hit(begin, count, nullptr, ctx, want, hit);
      });
      if (found) return true;
    }
    return find_in_buckets(ctx.tokens, key_of, ctx, want, hit);
  }

  // The buckets of `tokens`, in order, until one has a pattern that matches.
  template <class KeyOf>
  bool find_in_buckets(std::span<const UrlToken> tokens, KeyOf key_of, const RequestContext& ctx, Want want,
                       ListHit& hit) const {
    for (const UrlToken& token : tokens) {
      bool found = false;
      probe_token(key_of(token.hash), [&](std::uint32_t begin, std::uint32_t count) {
        return found = bucket_hit(begin, count, &token, ctx, want, hit);
      });
      if (found) return true;
    }
    return false;
  }

  std::span<const std::uint8_t> strings_;
  Table<VendorRecord> vendors_;
  std::span<const std::uint8_t> host_names_;
  Table<HostBlock> host_blocks_;
  BloomBits host_bloom_;
  Table<HostRuleRecord> host_rules_;
  Table<HostExtra> host_extras_;
  Table<HostOptions> host_options_;
  Table<HashSlot> token_slots_;
  BloomBits token_bloom_;
  BloomBits suffix_bloom_;
  Table<IndexEntry> pattern_index_;
  Table<PatternRecord> patterns_;
  Table<DomainRecord> domains_;
  Table<HashSlot> cookie_slots_;
  Table<CookieRecord> cookie_rules_;
  Meta meta_;
};

// Whether host_blocks divides host_names into blocks that each end with a host's last byte, with
// both the blocks' offsets and first records increasing and the records within host_rules. One
// step a block: the hosts inside are framed by the reader, which stops at a malformed one
// (HostBlockReader, find_in_block()), so a corrupt block's hosts only mis-decide.
bool host_blocks_well_formed(std::span<const std::uint8_t> buffer) {
  const auto names = section_bytes(buffer, kHostNames);
  const auto blocks = table_of<kHostBlocks, HostBlock>(buffer);
  const std::size_t records = table_of<kHostRules, HostRuleRecord>(buffer).size();
  if (blocks.size() == 0) return names.empty();
  if (blocks[0].names_offset != 0) return false;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const HostBlock block = blocks[b];
    const std::size_t end = b + 1 < blocks.size() ? blocks[b + 1].names_offset : names.size();
    if (block.names_offset >= end || end > names.size() || block.first_record >= records) return false;
    if (b > 0 && block.first_record <= blocks[b - 1].first_record) return false;
    if (!ends_a_host(names[end - 1])) return false;
  }
  return true;
}

Status structural_check(std::span<const std::uint8_t> buffer, std::string& detail) {
  if (buffer.size() < kHeaderBytes + kTrailerBytes) {
    detail = "engine buffer too small (" + std::to_string(buffer.size()) + " bytes)";
    return Status::corrupt_buffer;
  }
  Header h;
  std::memcpy(&h, buffer.data(), sizeof h);
  if (h.magic != kSnapshotMagic) {
    detail = "not a compiled engine buffer (bad magic)";
    return Status::corrupt_buffer;
  }
  if (h.version != kSnapshotVersion) {
    detail = "engine buffer format " + std::to_string(h.version) + ", this engine reads format " +
             std::to_string(kSnapshotVersion) + ": rebuild it";
    return Status::version_mismatch;
  }
  if (h.total_size != buffer.size() || h.section_count != kSectionCount) {
    detail = "engine buffer truncated or malformed header";
    return Status::corrupt_buffer;
  }
  const std::size_t body_end = buffer.size() - kTrailerBytes;
  for (const SectionSpec& spec : kSectionSpecs) {
    SectionEntry e;
    std::memcpy(&e, buffer.data() + sizeof(Header) + spec.id * sizeof(SectionEntry), sizeof e);
    bool in_bounds = e.offset >= kHeaderBytes && e.offset % 4 == 0 && std::uint64_t{e.offset} + e.size <= body_end;
    bool whole_records = e.size % spec.record_size == 0;
    std::size_t records = e.size / spec.record_size;
    // The bloom bitset is addressed with at most 32 hash bits (bloom_bit()).
    bool count_ok = (!(spec.flags & kPowerOfTwo) || std::has_single_bit(records) || records == 0) &&
                    (!(spec.flags & kOneRecord) || records == 1) &&
                    ((spec.id != kTokenBloom && spec.id != kSuffixBloom) || records <= (std::size_t{1} << 27));
    if (!in_bounds || !whole_records || !count_ok) {
      detail = "engine buffer section " + std::string(spec.name) + " is out of bounds or malformed";
      return Status::corrupt_buffer;
    }
  }
  if (!host_blocks_well_formed(buffer)) {
    detail = "engine buffer section host_names or host_blocks is malformed";
    return Status::corrupt_buffer;
  }
  return Status::ok;
}

}  // namespace

Status verify_snapshot(std::span<const std::uint8_t> buffer) {
  std::string detail;
  if (Status s = structural_check(buffer, detail); s != Status::ok) return s;
  std::uint32_t stored;
  std::memcpy(&stored, buffer.data() + buffer.size() - kTrailerBytes, sizeof stored);
  return crc32(buffer.first(buffer.size() - kTrailerBytes)) == stored ? Status::ok : Status::corrupt_buffer;
}

Result<Engine> Engine::load(std::span<const std::uint8_t> buffer) {
  std::string detail;
  if (Status s = structural_check(buffer, detail); s != Status::ok) return {s, detail};
  auto psl = PublicSuffixList::view(section_bytes(buffer, kPsl));
  if (!psl.ok()) return {Status::corrupt_buffer, "engine buffer: public suffix list: " + psl.detail()};
  return Engine(buffer, *psl, next_engine_id.fetch_add(1, std::memory_order_relaxed));
}

const PublicSuffixList& Engine::public_suffixes() const { return psl_; }

std::size_t Engine::host_rule_count() const { return View(buffer_).host_rule_count(); }

HostRuleInfo Engine::host_rule(std::size_t i) const { return View(buffer_).host_rule(i); }

std::string_view Engine::rule_text(RuleRef ref, std::string& storage) const { return View(buffer_).rule_text(ref, storage); }

std::string Engine::rule_text(RuleRef ref) const {
  std::string storage;
  return std::string(rule_text(ref, storage));
}

std::vector<HostRuleInfo> Engine::host_rules() const {
  const View view(buffer_);
  std::vector<HostRuleInfo> out;
  out.reserve(view.host_rule_count());
  view.for_each_host_rule([&](const HostRuleInfo& r) { out.push_back(r); });
  return out;
}

void Engine::for_each_host_rule(const std::function<void(const HostRuleInfo&)>& f) const {
  View(buffer_).for_each_host_rule(f);
}

EngineStats Engine::stats() const {
  Meta m = table_of<kMeta, Meta>(buffer_)[0];
  EngineStats s;
  s.buffer_bytes = buffer_.size();
  s.vendors = m.vendors;
  s.host_rules = m.vendor_host_rules;
  s.cookie_rules = m.cookie_rules;
  s.filter_rules = m.filter_rules;
  s.psl_rules = psl_.rule_count();
  s.unindexed_rules = m.fallback_count;
  for (const SectionSpec& spec : kSectionSpecs) s.sections.push_back({spec.name, section_bytes(buffer_, spec.id).size()});
  return s;
}

namespace {

// Parses the top-level and frame URLs once; frame falls back to top when empty or not a URL
// with a host (about:blank, data:, blob: frames inherit their creator's origin).
Status parse_context_urls(const PublicSuffixList& psl, std::uint64_t engine, std::string_view top_url,
                          std::string_view frame_url, Scratch& sc, RequestContext& ctx) {
  sc.frame_apart = false;
  if (sc.top.parse(top_url, psl, engine) != Status::ok) return Status::invalid_url;
  ctx.top_site = sc.top.site;
  ctx.frame_host = sc.top.url.host;
  ctx.frame_site = ctx.top_site;
  ctx.frame_keys = &sc.top.keys;
  if (!frame_url.empty() && frame_url != top_url && sc.frame.parse(frame_url, psl, engine) == Status::ok) {
    sc.frame_apart = true;
    ctx.frame_host = sc.frame.url.host;
    ctx.frame_site = sc.frame.site;
    ctx.frame_keys = &sc.frame.keys;
  }
  return Status::ok;
}

}  // namespace

Result<Classification> Engine::classify(const Request& request, DecisionContext& context) const {
  std::string_view top_site;
  return classify_request(request, *context.scratch_, top_site);
}

Result<Classification> Engine::classify_request(const Request& request, Scratch& sc, std::string_view& top_site) const {
  RequestContext ctx;
  RequestUrl url;
  if (parse_request_url(request.url, sc.request, sc.url, url) != Status::ok)
    return {Status::invalid_url, "request url is not a URL with a host: '" + std::string(request.url.substr(0, 200)) + "'"};
  if (parse_context_urls(psl_, id_, request.top_url, request.frame_url, sc, ctx) != Status::ok)
    return {Status::invalid_url, "top_url is not a URL with a host: '" + std::string(request.top_url.substr(0, 200)) + "'"};
  top_site = ctx.top_site;
  View view(buffer_);
  ctx.host = url.host;
  ctx.path = url.path;
  const RequestHost& host = sc.hosts.of(ctx.host, psl_, id_);
  ctx.site = ctx.host.substr(host.site_begin);
  ctx.host_keys = &host.keys;
  ctx.third_party_top = ctx.site != ctx.top_site;
  ctx.third_party_frame = ctx.site != ctx.frame_site;
  ctx.type = type_bit(request.type);
  ctx.psl = &psl_;

  Classification c;
  c.third_party = ctx.third_party_top;
  View::HostHits hosts;
  view.scan_hosts(ctx, hosts);
  if (hosts.vendor_found) {
    c.category = category_of(hosts.vendor.options.category);
    c.vendor = view.vendor_name(hosts.vendor.extra.vendor);
    c.rule = RuleRef(RuleRef::Kind::host, hosts.vendor.index);
    return c;
  }

  ctx.url = url.url;
  tokenize_url(ctx.url.text, view.suffix_bloom(), sc.url_lower, sc.tokens);
  ctx.url_lower = {sc.url_lower, ctx.url.host_begin, ctx.url.host_end};
  ctx.tokens = sc.tokens.view();
  ctx.suffixes = sc.tokens.suffixes();

  View::ListHit block, other;
  if (view.find_list(ctx, hosts, View::Want::block, block)) {
    if ((block.flags & kFilterImportant) || !view.find_list(ctx, hosts, View::Want::exception, other)) {
      c.category = category_of(block.category);
      c.rule = block.rule;
      return c;
    }
    if (view.find_list(ctx, hosts, View::Want::important, block)) {
      c.category = category_of(block.category);
      c.rule = block.rule;
      return c;
    }
    c.category = Category::necessary;
    c.rule = other.rule;
    return c;
  }
  c.category = ctx.third_party_top ? Category::unknown : Category::necessary;
  c.rule = ctx.third_party_top ? RuleRef{} : kFirstPartyRef;
  return c;
}

Result<Classification> Engine::classify(const CookieWrite& cookie, DecisionContext& context) const {
  std::string_view top_site;
  return classify_write(cookie, *context.scratch_, top_site);
}

Result<Classification> Engine::classify_write(const CookieWrite& cookie, Scratch& sc, std::string_view& top_site) const {
  std::string_view domain = cookie.domain;
  if (!domain.empty() && domain.front() == '.') domain.remove_prefix(1);
  if (normalize_host(domain, sc.request.host) != Status::ok)
    return {Status::invalid_host, "cookie domain is not a valid host: '" + std::string(cookie.domain.substr(0, 200)) + "'"};
  sc.frame_apart = false;
  if (sc.top.parse(cookie.top_url, psl_, id_) != Status::ok)
    return {Status::invalid_url, "top_url is not a URL with a host: '" + std::string(cookie.top_url.substr(0, 200)) + "'"};
  top_site = sc.top.site;
  View view(buffer_);
  std::string_view host = sc.request.host;
  Classification c;
  c.third_party = psl_.site_of(host) != sc.top.site;

  View::CookieHit cookie_hit;
  if (view.find_cookie(cookie.name, host, cookie_hit)) {
    c.category = category_of(cookie_hit.rule.category);
    c.vendor = view.vendor_name(cookie_hit.rule.vendor);
    c.rule = RuleRef(RuleRef::Kind::cookie, cookie_hit.index);
    return c;
  }
  if (cookie.source == CookieSource::script && !cookie.script_url.empty() &&
      parse_url(cookie.script_url, sc.script) == Status::ok) {
    HostKeys keys;
    keys.compute(sc.script.host);
    View::VendorHit vendor;
    if (view.find_vendor(keys, sc.script.host, psl_.site_of(sc.script.host), sc.script.path, vendor)) {
      c.category = category_of(vendor.options.category);
      c.vendor = view.vendor_name(vendor.extra.vendor);
      c.rule = RuleRef(RuleRef::Kind::host, vendor.index);
      return c;
    }
  }
  c.category = c.third_party ? Category::unknown : Category::necessary;
  c.rule = c.third_party ? RuleRef{} : kFirstPartyRef;
  return c;
}

namespace {

// The host (with any port) in a partition key (StoredCookie::partition_key):
// "(https,shop.example,8443)", "https://shop.example:8443" or "shop.example".
std::string_view partition_key_host(std::string_view key) {
  if (!key.empty() && key.front() == '(' && key.back() == ')') {
    key = key.substr(1, key.size() - 2);
    std::size_t comma = key.find(',');
    if (comma == std::string_view::npos) return {};
    key.remove_prefix(comma + 1);
    return key.substr(0, key.find(','));
  }
  if (std::size_t scheme = key.find("://"); scheme != std::string_view::npos) key.remove_prefix(scheme + 3);
  return key.substr(0, key.find('/'));  // normalize_host() drops a port
}

// A stored cookie's path as the prefix of every path it is sent to: "/cart" is sent to "/cart"
// and "/cart/...", so "/cart/"; a vendor path rule covers the cookie when it is a prefix of that.
Status cookie_path_of(std::string_view path, std::string& out) {
  if (path.empty()) path = "/";
  if (path.front() != '/') return Status::invalid_argument;
  out.assign(path);
  if (out.back() != '/') out.push_back('/');
  return Status::ok;
}

}  // namespace

Result<Classification> Engine::classify(const StoredCookie& cookie, DecisionContext& context) const {
  std::string_view top_site;
  return classify_stored(cookie, *context.scratch_, top_site);
}

Result<Classification> Engine::classify_stored(const StoredCookie& cookie, Scratch& sc, std::string_view& top_site) const {
  std::string_view domain = cookie.domain;
  if (!domain.empty() && domain.front() == '.') domain.remove_prefix(1);
  if (normalize_host(domain, sc.request.host) != Status::ok)
    return {Status::invalid_host, "cookie domain is not a valid host: '" + std::string(cookie.domain.substr(0, 200)) + "'"};
  if (cookie_path_of(cookie.path, sc.cookie_path) != Status::ok)
    return {Status::invalid_argument, "cookie path must start with '/': '" + std::string(cookie.path.substr(0, 200)) + "'"};
  std::string_view host = sc.request.host;
  std::string_view site = psl_.site_of(host);
  top_site = site;
  if (!cookie.partition_key.empty()) {
    if (normalize_host(partition_key_host(cookie.partition_key), sc.partition) != Status::ok)
      return {Status::invalid_host,
              "partition key does not name a site: '" + std::string(cookie.partition_key.substr(0, 200)) + "'"};
    top_site = psl_.site_of(sc.partition);
  }
  View view(buffer_);
  Classification c;
  c.third_party = site != top_site;

  HostKeys keys;
  keys.compute(host);
  View::VendorHit vendor;
  View::CookieHit named_hit;
  const bool named = view.find_cookie(cookie.name, host, named_hit);
  const CookieRecord& rule = named_hit.rule;
  const bool hosted = view.find_vendor(keys, host, site, sc.cookie_path, vendor);
  // A curated rule naming this cookie on a domain at least as specific as the host rule's
  // ("fr" @facebook.com under the host rule facebook.com) is the more specific of the two.
  const bool named_here = named && !(rule.flags & kCookieImported) && rule.domain.length != 0 &&
                          rule.domain.length >= vendor.host_length;
  if (hosted && !named_here) {
    c.category = category_of(vendor.options.category);
    c.vendor = view.vendor_name(vendor.extra.vendor);
    c.rule = RuleRef(RuleRef::Kind::host, vendor.index);
    return c;
  }
  if (named) {
    c.category = category_of(rule.category);
    c.vendor = view.vendor_name(rule.vendor);
    c.rule = RuleRef(RuleRef::Kind::cookie, named_hit.index);
    return c;
  }
  c.category = c.third_party ? Category::unknown : Category::necessary;
  c.rule = c.third_party ? RuleRef{} : kFirstPartyRef;
  return c;
}

namespace {

Decision apply_policy(const Classification& c, std::string_view top_site, const Policy& policy) {
  Decision d;
  d.classification = c;
  d.action = policy.action_for(top_site, c.category);
  return d;
}

}  // namespace

Result<Classification> Engine::classify(const Request& request) const {
  DecisionContext context;
  return classify(request, context);
}
Result<Classification> Engine::classify(const CookieWrite& cookie) const {
  DecisionContext context;
  return classify(cookie, context);
}
Result<Classification> Engine::classify(const StoredCookie& cookie) const {
  DecisionContext context;
  return classify(cookie, context);
}
Result<Decision> Engine::decide(const Request& request, const Policy& policy) const {
  DecisionContext context;
  return decide(request, policy, context);
}
Result<Decision> Engine::decide(const CookieWrite& cookie, const Policy& policy) const {
  DecisionContext context;
  return decide(cookie, policy, context);
}
Result<Decision> Engine::decide(const StoredCookie& cookie, const Policy& policy) const {
  DecisionContext context;
  return decide(cookie, policy, context);
}

Result<Decision> Engine::decide(const Request& request, const Policy& policy, DecisionContext& context) const {
  std::string_view top_site;
  auto c = classify_request(request, *context.scratch_, top_site);
  if (!c.ok()) return {c.status(), c.detail()};
  return apply_policy(*c, top_site, policy);
}

Result<Decision> Engine::decide(const CookieWrite& cookie, const Policy& policy, DecisionContext& context) const {
  std::string_view top_site;
  auto c = classify_write(cookie, *context.scratch_, top_site);
  if (!c.ok()) return {c.status(), c.detail()};
  return apply_policy(*c, top_site, policy);
}

Result<Decision> Engine::decide(const StoredCookie& cookie, const Policy& policy, DecisionContext& context) const {
  std::string_view top_site;
  auto c = classify_stored(cookie, *context.scratch_, top_site);
  if (!c.ok()) return {c.status(), c.detail()};
  return apply_policy(*c, top_site, policy);
}

}  // namespace warden
