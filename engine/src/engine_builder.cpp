#include "warden/engine_builder.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <span>
#include <tuple>
#include <type_traits>
#include <unordered_map>

#include "crc32.h"
#include "host_names.h"
#include "regex_matcher.h"
#include "snapshot_layout.h"
#include "string_hash.h"
#include "string_pool.h"
#include "url_pattern.h"
#include "warden/public_suffix.h"
#include "warden/snapshot.h"
#include "warden/url.h"

namespace warden {
namespace {

using namespace snapshot;

constexpr std::size_t kMaxVendors = kNoVendor;  // vendor ids are uint16 with kNoVendor reserved

// Tokens so common in URLs that indexing a pattern under them checks it on most requests (uBO
// keeps the same kind of list).
constexpr std::array<std::string_view, 14> kCommonUrlTokens{
    "com", "http", "https", "icon", "images", "img", "js", "net", "news", "www",
    "org", "html", "php", "static"};

std::string lower_copy(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// Most lookups are misses (hosts and tokens no rule names), and a miss probes until an empty
// slot: the host table (the big one, a few lookups per request) is kept at most 3/4 full, the
// token table (dozens of lookups per request, small) at most 1/2.
enum class Density { compact, sparse };

std::uint32_t capacity_for(std::size_t slots, Density density) {
  if (slots == 0) return 0;
  std::uint32_t cap = 1;
  if (density == Density::compact)
    while (cap * 3 < slots * 4 + 1) cap <<= 1;
  else
    while (cap < slots * 2) cap <<= 1;
  return cap;
}

// Open addressing with linear probing; each key's records are contiguous.
class SlotTable {
 public:
  // Groups `hashes` (sorted so equal keys are adjacent, one per record) into slots.
  template <class KeyOf>
  SlotTable(std::size_t records, KeyOf key_of, Density density, std::uint32_t base = 0) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;  // (hash, begin << 8 | count)
    for (std::size_t i = 0; i < records;) {
      std::size_t j = i;
      while (j < records && j - i < 255 && key_of(j) == key_of(i)) ++j;
      auto begin = static_cast<std::uint32_t>(base + i);
      ranges.emplace_back(hash_of_(key_of, i), begin << 8 | static_cast<std::uint32_t>(j - i));
      i = j;
    }
    slots.assign(capacity_for(ranges.size(), density), HashSlot{0, 0});
    auto mask = static_cast<std::uint32_t>(slots.size() - 1);
    for (const auto& [hash, range] : ranges)
      for (std::uint32_t i = hash & mask;; i = (i + 1) & mask)
        if (slots[i].range == 0) {
          slots[i] = {hash, range};
          break;
        }
  }
  std::vector<HashSlot> slots;

 private:
  template <class KeyOf>
  static std::uint32_t hash_of_(KeyOf key_of, std::size_t i) {
    if constexpr (std::is_same_v<decltype(key_of(i)), std::uint32_t>) return key_of(i);
    else return hash_string(key_of(i));
  }
};

// A token a pattern is indexed under.
struct Token {
  std::string text;  // lower-case
  std::uint16_t offset = kNoTokenOffset;  // in the pattern, when no wildcard precedes it
};

// Calls visit(begin, end, left_bounded, right_bounded) for each run of token characters in
// pattern `p`: a side is bounded when a literal non-token character or an anchor ends the run
// there, not a wildcard.
template <typename Visit>
void for_each_token_run(std::string_view p, std::uint16_t flags, Visit visit) {
  for (std::size_t i = 0; i < p.size();) {
    if (!is_token_char(p[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < p.size() && is_token_char(p[j])) ++j;
    const bool left = i == 0 ? (flags & (kFilterLeftAnchor | kFilterHostAnchor)) != 0 : p[i - 1] != '*';
    const bool right = j == p.size() ? (flags & kFilterRightAnchor) != 0 : p[j] != '*';
    visit(i, j, left, right);
    i = j;
  }
}

// A token at `at` of the pattern, with its offset kept only when no wildcard precedes it.
Token token_at(std::string_view p, std::size_t at, std::size_t length) {
  const std::size_t first_star = p.find('*');
  return {lower_copy(p.substr(at, length)), at < first_star ? static_cast<std::uint16_t>(at) : kNoTokenOffset};
}

// Tokens of a compiled pattern that are certainly whole tokens of any URL it matches: bounded on
// both sides by a literal non-token character or an anchor, never by a wildcard.
std::vector<Token> safe_tokens(std::string_view p, std::uint16_t flags) {
  std::vector<Token> out;
  for_each_token_run(p, flags, [&](std::size_t i, std::size_t j, bool left, bool right) {
    if (left && right) out.push_back(token_at(p, i, j - i));
  });
  return out;
}

// For a pattern with no safe token: the last kTokenSuffixLength bytes of each token a literal
// non-token character or an anchor ends, but nothing bounds on the left ("%2Fevent" in
// `%2Fevent.gif%3F`): the URL token holding it may start earlier, yet ends in these bytes.
std::vector<Token> suffix_tokens(std::string_view p, std::uint16_t flags) {
  std::vector<Token> out;
  for_each_token_run(p, flags, [&](std::size_t i, std::size_t j, bool, bool right) {
    if (right && j - i >= kTokenSuffixLength) out.push_back(token_at(p, j - kTokenSuffixLength, kTokenSuffixLength));
  });
  return out;
}

bool is_common_token(std::string_view token) {
  return std::find(kCommonUrlTokens.begin(), kCommonUrlTokens.end(), token) != kCommonUrlTokens.end();
}

struct HostEntry {
  std::string host;
  std::string key;  // its host_names key (reversed_host())
  std::string text;
  std::uint16_t path_length = 0;  // vendor rules: the text is host + path
  std::uint16_t vendor = kNoVendor;
  std::uint8_t category = 0;
  std::uint16_t types = kAllResourceTypes;
  std::uint16_t flags = 0;
  const std::vector<DomainConstraint>* domains = nullptr;

  // Only a vendor rule's text is its host and path.
  std::string_view path() const {
    return vendor == kNoVendor ? std::string_view{} : std::string_view(text).substr(host.size(), path_length);
  }
};

// How a host rule's text is rebuilt from its host (HostTextForm), and the tail it needs for that.
std::pair<HostTextForm, std::string_view> text_form_of(const HostEntry& e) {
  std::string_view text = e.text;
  const std::string_view prefix = (e.flags & kFilterException) ? "@@" : "";
  if (text.starts_with(prefix)) {
    std::string_view rest = text.substr(prefix.size());
    if (rest.starts_with("||") && rest.substr(2).starts_with(e.host) && rest.substr(2 + e.host.size()).starts_with('^'))
      return {kTextBarsHost, rest.substr(3 + e.host.size())};
    const std::size_t spelled = e.host.size() + e.path().size();
    if (rest.starts_with(e.host) && rest.substr(e.host.size()).starts_with(e.path()))
      return {kTextHost, rest.substr(spelled)};
  }
  return {kTextVerbatim, text};
}

struct CookieEntry {
  std::string name;
  std::string domain;
  std::string text;
  CookieRecord record{};
};

class BufferWriter {
 public:
  explicit BufferWriter(std::vector<std::uint8_t>& out) : out_(out) {}
  template <class T>
  void put(std::size_t at, const T& value) {
    std::memcpy(out_.data() + at, &value, sizeof(T));
  }
  void put_bytes(std::size_t at, std::span<const std::uint8_t> bytes) {
    if (!bytes.empty()) std::memcpy(out_.data() + at, bytes.data(), bytes.size());
  }

 private:
  std::vector<std::uint8_t>& out_;
};

// Everything build() lays out (the section table: snapshot_layout.h), before the single allocation.
struct Sections {
  std::vector<std::uint8_t> psl;
  StringPool strings;
  std::vector<VendorRecord> vendors;
  std::vector<std::uint8_t> host_names;
  std::vector<HostBlock> host_blocks;
  std::vector<std::uint32_t> host_bloom;
  std::vector<HostRuleRecord> host_rules;
  std::vector<HostExtra> host_extras;
  std::vector<HostOptions> host_options;
  std::vector<HashSlot> token_slots;
  std::vector<std::uint32_t> token_bloom;
  std::vector<std::uint32_t> suffix_bloom;
  std::vector<IndexEntry> pattern_index;
  std::vector<PatternRecord> patterns;
  std::vector<DomainRecord> domains;
  std::vector<HashSlot> cookie_slots;
  std::vector<CookieRecord> cookie_rules;
  Meta meta{};
};

StringRef ref(StringPool& pool, std::string_view s) {
  return {pool.intern(s), static_cast<std::uint32_t>(s.size())};
}

// Appends a rule's `domain=` run, sorted by hash for binary search at decision time.
std::uint32_t add_domains(Sections& s, const std::vector<DomainConstraint>& domains) {
  auto begin = static_cast<std::uint32_t>(s.domains.size());
  for (const auto& d : domains) {
    std::uint16_t flags = static_cast<std::uint16_t>((d.negated ? kDomainNegated : 0) | (d.entity ? kDomainEntity : 0));
    s.domains.push_back({hash_string(d.domain), s.strings.intern(d.domain), static_cast<std::uint16_t>(d.domain.size()), flags});
  }
  std::sort(s.domains.begin() + begin, s.domains.end(),
            [](const DomainRecord& a, const DomainRecord& b) { return a.hash < b.hash; });
  return begin;
}

std::uint8_t domain_flags_of(const std::vector<DomainConstraint>& domains) {
  std::uint8_t flags = 0;
  for (const auto& d : domains) {
    if (!d.negated) flags |= kDomainsHaveIncludes;
    if (d.entity) flags |= kDomainsHaveEntities;
  }
  return flags;
}

}  // namespace

void EngineBuilder::add_vendors(const VendorDatabase& db) {
  for (const auto& v : db.vendors) vendors_.push_back({v, false});
}

void EngineBuilder::add_imported_vendors(const VendorDatabase& db) {
  for (const auto& v : db.vendors) vendors_.push_back({v, true});
}

FilterListReport EngineBuilder::add_filter_list(std::string_view name, std::string_view text, Category category) {
  ParsedFilterList parsed = parse_filter_list(name, text, category);
  FilterListReport report = parsed.report;
  lists_.push_back({std::move(parsed.report), std::move(parsed.filters)});
  return report;
}

Status EngineBuilder::set_public_suffix_list(std::string_view dat_text) {
  auto blob = PublicSuffixList::compile(dat_text);
  if (!blob.ok()) return blob.status();
  psl_blob_ = std::move(blob).value();
  return Status::ok;
}

namespace {

class Compiler {
 public:
  Compiler(Sections& s) : s_(s) {}

  Status add_vendor(const Vendor& v, bool imported, std::string& error) {
    auto index = static_cast<std::uint16_t>(s_.vendors.size());
    VendorRecord rec{};
    rec.id = ref(s_.strings, v.id);
    rec.name = ref(s_.strings, v.name);
    rec.category = static_cast<std::uint8_t>(v.category);
    s_.vendors.push_back(rec);
    for (const auto& h : v.hosts) {
      std::string_view raw = h.host;
      while (!raw.empty() && (raw.front() == '.' || raw.front() == '*')) raw.remove_prefix(1);
      auto host = normalize_host(raw);
      if (!host.ok() || h.path_prefix.size() > 4096) {
        error = "vendor '" + v.id + "': unusable host rule '" + h.host + h.path_prefix + "'";
        return Status::invalid_rule;
      }
      HostEntry e;
      e.host = *host;
      e.text = e.host + h.path_prefix;
      e.path_length = static_cast<std::uint16_t>(h.path_prefix.size());
      e.vendor = index;
      e.category = rec.category;
      e.flags = kRuleFromVendor;
      hosts_.push_back(std::move(e));
      ++s_.meta.vendor_host_rules;
    }
    for (const auto& c : v.cookies) {
      if (c.name.empty() || c.name.size() > 4096) {
        error = "vendor '" + v.id + "': unusable cookie rule '" + c.name + "'";
        return Status::invalid_rule;
      }
      CookieEntry e;
      e.name = c.name;
      if (!c.domain.empty()) {
        std::string_view raw = c.domain;
        while (!raw.empty() && raw.front() == '.') raw.remove_prefix(1);
        auto domain = normalize_host(raw);
        if (!domain.ok()) {
          error = "vendor '" + v.id + "': unusable cookie domain '" + c.domain + "'";
          return Status::invalid_rule;
        }
        e.domain = *domain;
      }
      e.text = "cookie " + c.name + (c.prefix ? "*" : "") + (e.domain.empty() ? "" : " on " + e.domain);
      e.record.vendor = index;
      e.record.category = rec.category;
      e.record.flags = static_cast<std::uint8_t>((c.prefix ? kCookiePrefix : 0) | (imported ? kCookieImported : 0));
      cookies_.push_back(std::move(e));
    }
    return Status::ok;
  }

  void add_filter(const NetworkFilter& f, Category category) {
    ++s_.meta.filter_rules;
    if (f.flags & kFilterPlainHost) {
      HostEntry e;
      e.host = f.pattern;
      e.text = f.text;
      e.category = static_cast<std::uint8_t>(category);
      e.flags = f.flags;
      e.types = f.types;
      e.domains = &f.domains;
      hosts_.push_back(std::move(e));
      return;
    }
    PatternRecord rec{};
    rec.text_offset = s_.strings.intern(f.text);
    rec.text_length = static_cast<std::uint16_t>(f.text.size());
    // The compiled pattern is usually the rule text minus anchors and options: share those bytes.
    std::size_t inside = f.pattern.empty() ? std::string::npos : f.text.find(f.pattern);
    rec.pattern_offset = inside != std::string::npos ? rec.text_offset + static_cast<std::uint32_t>(inside)
                                                      : s_.strings.intern(f.pattern);
    rec.pattern_length = static_cast<std::uint16_t>(f.pattern.size());
    rec.types = f.types;
    rec.flags = f.flags;
    rec.category = static_cast<std::uint8_t>(category);
    rec.domains_begin = add_domains(s_, f.domains);
    rec.domains_count = static_cast<std::uint16_t>(f.domains.size());
    rec.domain_flags = domain_flags_of(f.domains);
    s_.patterns.push_back(rec);
    pattern_sources_.push_back(&f);
  }

  void finish() {
    finish_hosts();
    finish_patterns();
    finish_cookies();
    s_.meta.vendors = static_cast<std::uint32_t>(s_.vendors.size());
  }

  // Whether host_names can hold every host rule's host (storable_host()).
  bool hosts_storable() const {
    return std::all_of(hosts_.begin(), hosts_.end(), [](const HostEntry& e) { return storable_host(e.host); });
  }

 private:
  // Records grouped by host in host_names order, each group's rules in the order they were added.
  void finish_hosts() {
    for (HostEntry& e : hosts_) e.key = reversed_host(e.host);
    std::stable_sort(hosts_.begin(), hosts_.end(), [](const HostEntry& a, const HostEntry& b) { return a.key < b.key; });
    std::vector<std::string> keys;
    std::vector<std::uint32_t> first_records, hashes;
    for (std::size_t i = 0; i < hosts_.size(); ++i) {
      if (i > 0 && hosts_[i].key == hosts_[i - 1].key) continue;
      keys.push_back(hosts_[i].key);
      first_records.push_back(static_cast<std::uint32_t>(i));
      const std::uint32_t hash = hash_string(hosts_[i].host);
      hashes.push_back(hash);
      hashes.push_back(second_host_key(hash));
    }
    for (std::size_t b = 0; b < keys.size(); b += kHostsPerBlock) {
      HostBlock block{static_cast<std::uint32_t>(s_.host_names.size()), first_records[b], {}};
      const auto prefix = key_prefix(keys[b]);
      std::copy(prefix.begin(), prefix.end(), block.first_key);
      s_.host_blocks.push_back(block);
      append_host_block(std::span(keys).subspan(b, std::min(kHostsPerBlock, keys.size() - b)), s_.host_names);
    }
    // 2 bits a key, two keys a host (second_host_key()).
    if (!hashes.empty()) s_.host_bloom = bloom_of(hashes, 5, 1);
    std::map<std::tuple<std::string_view, std::uint16_t, std::uint16_t, HostTextForm, std::uint8_t>, std::uint16_t> options;
    for (std::size_t i = 0; i < hosts_.size(); ++i) {
      const HostEntry& e = hosts_[i];
      auto [form, tail] = text_form_of(e);
      auto [at, added] = options.try_emplace({tail, e.types, e.flags, form, e.category},
                                             static_cast<std::uint16_t>(s_.host_options.size()));
      if (added) s_.host_options.push_back({ref(s_.strings, tail), e.types, e.flags, form, e.category, {0, 0}});
      HostRuleRecord r{at->second};
      if (i + 1 == hosts_.size() || hosts_[i + 1].key != e.key) r.value |= HostRuleRecord::kLastOfHost;
      HostExtra x{static_cast<std::uint32_t>(i), 0, 0, 0, e.vendor, e.path_length, 0, 0};
      const bool needs_extra = e.vendor != kNoVendor || (e.domains && !e.domains->empty());
      if (e.domains && !e.domains->empty()) {
        x.domains_begin = add_domains(s_, *e.domains);
        x.domains_count = static_cast<std::uint16_t>(e.domains->size());
        x.domain_flags = domain_flags_of(*e.domains);
      }
      if (e.path_length != 0) x.path_offset = s_.strings.intern(e.path());
      if (needs_extra) {
        r.value |= HostRuleRecord::kHasExtra;
        s_.host_extras.push_back(x);  // in record order, as the reader's binary search needs
      }
      s_.host_rules.push_back(r);
    }
  }

  // Each pattern goes under its rarest safe token (counted over all patterns), as uBO and
  // Ghostery do; without one under the domains it is restricted to, or under a token suffix
  // (suffix_tokens()); what is left (some regexes, option-only rules) is checked on every request.
  void finish_patterns() {
    const std::size_t n = pattern_sources_.size();
    std::vector<std::vector<Token>> tokens(n), suffixes(n);
    std::unordered_map<std::string, std::uint32_t> frequency, suffix_frequency;
    for (std::size_t i = 0; i < n; ++i) {
      const NetworkFilter& f = *pattern_sources_[i];
      if (f.flags & kFilterRegex) {
        for (auto& t : regex_tokens(f.pattern)) tokens[i].push_back({std::move(t), kNoTokenOffset});
      } else {
        tokens[i] = safe_tokens(f.pattern, f.flags);
        if (tokens[i].empty()) suffixes[i] = suffix_tokens(f.pattern, f.flags);
      }
      for (const auto& t : tokens[i]) ++frequency[t.text];
      for (const auto& t : suffixes[i]) ++suffix_frequency[t.text];
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> keyed;  // (token-table key, pattern id)
    std::vector<std::uint32_t> fallback, suffix_keys;
    std::vector<std::uint8_t> before(n, 0);
    std::vector<std::array<std::uint8_t, kEntryAfterBytes>> after(n);
    for (std::size_t i = 0; i < n; ++i) {
      auto id = static_cast<std::uint32_t>(i);
      const NetworkFilter& f = *pattern_sources_[i];
      const bool exception = f.flags & kFilterException;
      s_.patterns[i].token_offset = kNoTokenOffset;
      const Token* best = rarest(tokens[i], frequency);
      std::uint32_t key = 0;
      if (best != nullptr) {
        key = hash_string(best->text);
      } else if (index_by_domains(f, id, exception, keyed)) {
        continue;
      } else if ((best = rarest(suffixes[i], suffix_frequency)) != nullptr) {
        key = token_suffix_key(best->text);
        suffix_keys.push_back(key);
      } else {
        fallback.push_back(id);
        continue;
      }
      keyed.emplace_back(key_for(key, exception), id);
      s_.patterns[i].token_offset = best->offset;
      if (best->offset != kNoTokenOffset) {
        before[i] = literal_at(f.pattern, best->offset - 1);
        after[i] = literal_run_at(f.pattern, best->offset + best->text.size());
      }
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    auto entry = [&](std::uint32_t id) {
      const PatternRecord& r = s_.patterns[id];
      return IndexEntry{id, r.types, r.flags, before[id], {after[id][0], after[id][1], after[id][2]}};
    };
    for (std::uint32_t id : fallback) s_.pattern_index.push_back(entry(id));
    s_.meta.fallback_count = static_cast<std::uint32_t>(fallback.size());
    s_.token_slots = SlotTable(keyed.size(), [&](std::size_t i) { return keyed[i].first; }, Density::sparse,
                               static_cast<std::uint32_t>(fallback.size())).slots;
    for (const auto& [hash, id] : keyed) s_.pattern_index.push_back(entry(id));
    s_.token_bloom = bloom_of(keyed_keys(keyed), 13);
    // Tested on every long URL token, so no bits at all when no pattern needs it.
    if (!suffix_keys.empty()) s_.suffix_bloom = bloom_of(suffix_keys, 10);
  }

  // The token of `candidates` that the fewest patterns share, avoiding tokens common in URLs and
  // short ones; null when there is none.
  static const Token* rarest(const std::vector<Token>& candidates,
                             const std::unordered_map<std::string, std::uint32_t>& frequency) {
    const Token* best = nullptr;
    std::uint64_t best_score = UINT64_MAX;
    for (const auto& t : candidates) {
      const std::string& token = t.text;
      std::uint64_t score = std::uint64_t{frequency.at(token)} * 64 + (is_common_token(token) ? 1u << 20 : 0) +
                            (token.size() < 3 ? 32 : 0) + (32 - std::min<std::size_t>(token.size(), 31));
      if (score < best_score) {
        best_score = score;
        best = &t;
      }
    }
    return best;
  }

  static std::vector<std::uint32_t> keyed_keys(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& keyed) {
    std::vector<std::uint32_t> keys;
    keys.reserve(keyed.size());
    for (const auto& [key, id] : keyed) keys.push_back(key);
    return keys;
  }

  // The pattern byte at `i` when it is a literal (not a wildcard or separator); 0 otherwise or
  // outside the pattern (std::size_t wraps for the byte before offset 0).
  static std::uint8_t literal_at(std::string_view pattern, std::size_t i) {
    if (i >= pattern.size() || pattern[i] == '*' || pattern[i] == '^') return 0;
    return static_cast<std::uint8_t>(pattern[i]);
  }

  // The literal_at() bytes from `i` on, up to the first that is not a literal: a '*' or '^' makes
  // the rest of the pattern's position in the URL vary.
  static std::array<std::uint8_t, kEntryAfterBytes> literal_run_at(std::string_view pattern, std::size_t i) {
    std::array<std::uint8_t, kEntryAfterBytes> run{};
    for (std::size_t k = 0; k < run.size(); ++k) {
      run[k] = literal_at(pattern, i + k);
      if (run[k] == 0) break;
    }
    return run;
  }

  static std::uint32_t key_for(std::uint32_t key, bool exception) { return exception ? exception_key(key) : key; }

  // About 2^log2_bits_per_key bits per key (one probe: with 8, ~7% of absent keys still pass), at
  // least 2^min_log2_bits.
  static std::vector<std::uint32_t> bloom_of(const std::vector<std::uint32_t>& keys, unsigned min_log2_bits,
                                             unsigned log2_bits_per_key = 3) {
    unsigned log2_bits = min_log2_bits;
    while ((std::size_t{1} << log2_bits) < (keys.size() << log2_bits_per_key) && log2_bits < 24) ++log2_bits;
    std::vector<std::uint32_t> words(std::size_t{1} << (log2_bits - 5), 0);
    for (std::uint32_t key : keys) {
      std::uint32_t bit = bloom_bit(key, log2_bits);
      words[bit >> 5] |= 1u << (bit & 31);
    }
    return words;
  }

  // A rule without a token that only applies on listed sites (`$websocket,domain=a.example`,
  // most regex rules) is looked up through the frame's host instead of tried on every request.
  static bool index_by_domains(const NetworkFilter& f, std::uint32_t id, bool exception,
                               std::vector<std::pair<std::uint32_t, std::uint32_t>>& keyed) {
    bool has_include = false;
    for (const auto& d : f.domains) {
      if (d.entity && !d.negated) return false;  // "shop.*" has no fixed host to index under
      has_include = has_include || !d.negated;
    }
    if (!has_include) return false;
    for (const auto& d : f.domains)
      if (!d.negated) keyed.emplace_back(key_for(domain_key(hash_string(d.domain)), exception), id);
    return true;
  }

  void finish_cookies() {
    auto exact_end = std::stable_partition(cookies_.begin(), cookies_.end(),
                                           [](const CookieEntry& c) { return !(c.record.flags & kCookiePrefix); });
    std::stable_sort(cookies_.begin(), exact_end, [](const CookieEntry& a, const CookieEntry& b) { return a.name < b.name; });
    std::stable_sort(exact_end, cookies_.end(),
                     [](const CookieEntry& a, const CookieEntry& b) { return a.name.size() > b.name.size(); });
    auto exact_count = static_cast<std::size_t>(exact_end - cookies_.begin());
    s_.cookie_slots =
        SlotTable(exact_count, [&](std::size_t i) -> std::string_view { return cookies_[i].name; }, Density::sparse).slots;
    for (auto& c : cookies_) {
      CookieRecord r = c.record;
      r.name = ref(s_.strings, c.name);
      r.domain = c.domain.empty() ? StringRef{0, 0} : ref(s_.strings, c.domain);
      r.text = ref(s_.strings, c.text);
      s_.cookie_rules.push_back(r);
    }
    s_.meta.cookie_rules = static_cast<std::uint32_t>(s_.cookie_rules.size());
    s_.meta.cookie_prefix_begin = static_cast<std::uint32_t>(exact_count);
  }

  Sections& s_;
  std::vector<HostEntry> hosts_;
  std::vector<CookieEntry> cookies_;
  std::vector<const NetworkFilter*> pattern_sources_;
};

using SectionBytes = std::array<std::span<const std::uint8_t>, kSectionCount>;

// Section S's bytes are `records`, which must be S's record type (kSectionSpecs).
template <Section S, class T>
void place(SectionBytes& out, std::span<const T> records) {
  static_assert(is_record_of<S, T>, "not the record type kSectionSpecs gives this section");
  out[S] = {reinterpret_cast<const std::uint8_t*>(records.data()), records.size_bytes()};
}

SectionBytes section_bytes(const Sections& s) {
  SectionBytes out{};
  place<kPsl, std::uint8_t>(out, s.psl);
  place<kStrings, char>(out, std::span<const char>(s.strings.bytes()));
  place<kVendors, VendorRecord>(out, s.vendors);
  place<kHostNames, std::uint8_t>(out, s.host_names);
  place<kHostBlocks, HostBlock>(out, s.host_blocks);
  place<kHostBloom, std::uint32_t>(out, s.host_bloom);
  place<kHostRules, HostRuleRecord>(out, s.host_rules);
  place<kHostExtras, HostExtra>(out, s.host_extras);
  place<kHostOptions, HostOptions>(out, s.host_options);
  place<kTokenSlots, HashSlot>(out, s.token_slots);
  place<kTokenBloom, std::uint32_t>(out, s.token_bloom);
  place<kSuffixBloom, std::uint32_t>(out, s.suffix_bloom);
  place<kPatternIndex, IndexEntry>(out, s.pattern_index);
  place<kPatterns, PatternRecord>(out, s.patterns);
  place<kDomains, DomainRecord>(out, s.domains);
  place<kCookieSlots, HashSlot>(out, s.cookie_slots);
  place<kCookieRules, CookieRecord>(out, s.cookie_rules);
  place<kMeta, Meta>(out, std::span<const Meta>(&s.meta, 1));
  return out;
}

}  // namespace

Result<std::vector<std::uint8_t>> EngineBuilder::build() const {
  if (vendors_.size() > kMaxVendors) return {Status::invalid_rule, "too many vendors (at most 65535)"};
  Sections s;
  if (!psl_blob_.empty()) {
    s.psl = psl_blob_;
  } else {
    auto builtin = PublicSuffixList::builtin().bytes();
    s.psl.assign(builtin.begin(), builtin.end());
  }
  Compiler compiler(s);
  std::string error;
  for (const auto& v : vendors_)
    if (Status st = compiler.add_vendor(v.vendor, v.imported, error); st != Status::ok) return {st, error};
  for (const auto& list : lists_)
    for (const auto& f : list.filters) compiler.add_filter(f, list.report.category);
  compiler.finish();
  if (!compiler.hosts_storable())
    return {Status::invalid_rule, "a host rule's host is not an ASCII host name of at most 253 bytes"};
  // Host records address their options with 14 bits.
  if (s.host_options.size() > HostRuleRecord::kMaxOptions || s.pattern_index.size() > kMaxSlotBegin ||
      s.cookie_rules.size() > kMaxSlotBegin)
    return {Status::invalid_rule, "too many rules for one engine buffer"};

  const SectionBytes parts = section_bytes(s);
  std::array<SectionEntry, kSectionCount> table{};
  auto offset = static_cast<std::uint32_t>(kHeaderBytes);
  for (std::size_t i = 0; i < kSectionCount; ++i) {
    table[i] = {offset, static_cast<std::uint32_t>(parts[i].size())};
    offset = align4(offset + table[i].size);
  }
  const std::uint32_t total = offset + static_cast<std::uint32_t>(kTrailerBytes);

  std::vector<std::uint8_t> out(total, 0);
  BufferWriter w(out);
  w.put(0, Header{kSnapshotMagic, kSnapshotVersion, 0, total, kSectionCount});
  for (std::size_t i = 0; i < kSectionCount; ++i) {
    w.put(sizeof(Header) + i * sizeof(SectionEntry), table[i]);
    w.put_bytes(table[i].offset, parts[i]);
  }
  w.put(total - kTrailerBytes, crc32(std::span<const std::uint8_t>(out.data(), total - kTrailerBytes)));
  return out;
}

}  // namespace warden
