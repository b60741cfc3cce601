#include "warden/dnr_compiler.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "warden/engine.h"
#include "warden/filter_list.h"
#include "warden/request.h"
#include "warden/snapshot.h"

namespace warden {
namespace {

// Categories whose rules can be refused; necessary never is, unknown has no rules to list.
constexpr std::array<Category, 4> kRefusable{Category::functional, Category::analytics, Category::social,
                                             Category::marketing};

std::size_t index_of(Category c) { return static_cast<std::size_t>(c); }

// DNR's urlFilter has no escapes: a path holding its special characters cannot be expressed.
// A vendor path's '*' segment is a urlFilter wildcard too (DNR's '*' may also span a '/': the
// rule can only be broader there, never miss what the engine matches); any other '*' would be
// taken for a wildcard where the path means it literally.
bool expressible_path(std::string_view path) {
  for (unsigned char ch : path)
    if (ch == '^' || ch == '|' || ch < 0x21 || ch > 0x7e) return false;
  return path_wildcards_are_segments(path);
}

// DNR accepts only lower-case ASCII (punycode) domains; the engine hands normalised hosts, and
// anything else is left out rather than failing the whole update.
bool valid_domain(std::string_view host) {
  if (host.empty()) return false;
  for (unsigned char ch : host)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_')) return false;
  return true;
}

template <class... Parts>
void append(std::string& out, const Parts&... parts) {
  (out.append(std::string_view(parts)), ...);
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '"';
}

// A condition's domain list without a copy of it: spans of the index's sorted host lists (or of a
// rule's own few names), merged as they are written, each host once. One part is written as given.
struct DomainList {
  std::vector<std::span<const std::string_view>> parts;
  DomainList() = default;
  DomainList(std::span<const std::string_view> one) { add(one); }
  DomainList(const std::vector<std::string_view>& one) { add(one); }
  void add(std::span<const std::string_view> part) {
    if (!part.empty()) parts.push_back(part);
  }
  bool empty() const { return parts.empty(); }
  template <class F>
  void for_each(F&& f) const {
    if (parts.size() == 1) {
      for (auto item : parts[0]) f(item);
      return;
    }
    std::vector<std::size_t> at(parts.size(), 0);
    std::string_view last;
    bool any = false;
    for (;;) {
      std::size_t best = parts.size();
      for (std::size_t i = 0; i < parts.size(); ++i)
        if (at[i] < parts[i].size() && (best == parts.size() || parts[i][at[i]] < parts[best][at[best]])) best = i;
      if (best == parts.size()) return;
      const std::string_view item = parts[best][at[best]++];
      if (any && item == last) continue;
      f(item);
      last = item;
      any = true;
    }
  }
};

// What one DNR rule says; written out by RuleWriter.
struct RuleSpec {
  std::string_view action;  // "block" | "allow" | "modifyHeaders"
  int priority = 1;
  DomainList request_domains;
  DomainList excluded_request_domains;
  std::string url_filter;
  std::vector<std::string_view> initiator_domains;
  std::vector<std::string_view> excluded_initiator_domains;
  bool third_party_only = false;
  bool any_host = false;  // no requestDomains/urlFilter on purpose: the rule is about every host
};

// Writes the rules' JSON array to a sink in pieces of about kPieceBytes, cut between list items:
// a condition can list every host of a category (a megabyte), and the whole text held at once
// would be a peak that WebAssembly's linear memory keeps for good.
class RuleWriter {
 public:
  static constexpr std::size_t kPieceBytes = 64 * 1024;

  RuleWriter(int first_id, DnrJsonSink sink) : next_id_(first_id), sink_(std::move(sink)) {
    json_.reserve(kPieceBytes + 4096);
    json_.push_back('[');
  }

  // Returns false (and writes nothing) for a rule DNR would reject: an empty requestDomains list
  // where the rule relies on one.
  bool add(const RuleSpec& r) {
    if (r.url_filter.empty() && r.request_domains.empty() && !r.any_host) return false;
    if (count_) json_ += ',';
    json_ += "{\"id\":" + std::to_string(next_id_++) + ",\"priority\":" + std::to_string(r.priority);
    json_ += ",\"action\":{\"type\":\"";
    json_ += r.action;
    json_ += '"';
    if (r.action == "modifyHeaders")
      json_ += ",\"responseHeaders\":[{\"header\":\"set-cookie\",\"operation\":\"remove\"}]";
    json_ += "},\"condition\":{";
    // The first part's leading ',' is left out (a part may start after a piece was handed on).
    first_part_ = true;
    if (r.third_party_only) part("\"domainType\":\"thirdParty\"");
    if (!r.url_filter.empty()) {
      // Vendor path prefixes are case-sensitive (vendor_database.h); DNR's default is not.
      part("\"urlFilter\":");
      append_json_string(json_, r.url_filter);
      json_ += ",\"isUrlFilterCaseSensitive\":true";
    }
    write_list("requestDomains", r.request_domains);
    write_list("excludedRequestDomains", r.excluded_request_domains);
    write_list("initiatorDomains", DomainList(r.initiator_domains));
    write_list("excludedInitiatorDomains", DomainList(r.excluded_initiator_domains));
    json_ += "}}";
    ++count_;
    return true;
  }

  std::size_t count() const { return count_; }
  void finish() {
    json_ += ']';
    sink_(json_);
    json_.clear();
  }

 private:
  void part(std::string_view text) {
    if (!first_part_) json_ += ',';
    first_part_ = false;
    json_ += text;
  }

  void write_list(std::string_view key, const DomainList& list) {
    if (list.empty()) return;
    part("\"");
    json_ += key;
    json_ += "\":[";
    bool first = true;
    list.for_each([&](std::string_view item) {
      if (!first) json_ += ',';
      first = false;
      append_json_string(json_, item);
      if (json_.size() >= kPieceBytes) {
        sink_(json_);
        json_.clear();
      }
    });
    json_ += ']';
  }

  int next_id_;
  DnrJsonSink sink_;
  std::size_t count_ = 0;
  bool first_part_ = true;
  std::string json_;
};

// The rules of one category, split the way DNR conditions need them.
struct CategoryRules {
  std::vector<std::string_view> hosts;             // any party
  std::vector<std::string_view> third_party_hosts; // $third-party
  std::vector<const DnrHostRule*> path_rules;
};

void sort_unique(std::vector<std::string_view>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool indexed(const DnrHostRule& rule) { return valid_domain(rule.host) && index_of(rule.category) < kCategoryCount; }

// Groups by category the rules `for_each_rule(f)` visits (f(const DnrHostRule&), called once per
// pass): one pass counts, so each list is allocated once at its size, the next one fills them.
// Path rules are copied (a handful: vendors'); the hosts are views into the rules' strings.
template <class ForEachRule>
void group_by_category(ForEachRule&& for_each_rule, std::array<CategoryRules, kCategoryCount>& out,
                       std::vector<DnrHostRule>& path_rules) {
  std::array<std::size_t, kCategoryCount> hosts{}, third_party_hosts{};
  std::size_t paths = 0;
  for_each_rule([&](const DnrHostRule& rule) {
    if (!indexed(rule)) return;
    if (!rule.path_prefix.empty()) ++paths;
    else ++(rule.third_party_only ? third_party_hosts : hosts)[index_of(rule.category)];
  });
  for (std::size_t c = 0; c < kCategoryCount; ++c) {
    out[c].hosts.reserve(hosts[c]);
    out[c].third_party_hosts.reserve(third_party_hosts[c]);
  }
  path_rules.reserve(paths);  // what path_rules' pointers point into: never reallocated after
  for_each_rule([&](const DnrHostRule& rule) {
    if (!indexed(rule)) return;
    auto& group = out[index_of(rule.category)];
    if (!rule.path_prefix.empty()) {
      path_rules.push_back(rule);
      if (expressible_path(rule.path_prefix)) group.path_rules.push_back(&path_rules.back());
    } else {
      (rule.third_party_only ? group.third_party_hosts : group.hosts).push_back(rule.host);
    }
  });
  for (auto& group : out) {
    sort_unique(group.hosts);
    sort_unique(group.third_party_hosts);
  }
}

std::array<CategoryRules, kCategoryCount> group_by_category(std::span<const DnrHostRule> rules,
                                                            std::vector<DnrHostRule>& path_rules) {
  std::array<CategoryRules, kCategoryCount> out;
  group_by_category([&](auto&& f) { std::for_each(rules.begin(), rules.end(), f); }, out, path_rules);
  return out;
}

std::string url_filter_of(const DnrHostRule& rule) {
  return "||" + std::string(rule.host) + std::string(rule.path_prefix);
}

// Sites whose override for `c` is `action`.
std::vector<std::string_view> sites_choosing(const Policy& policy, Category c, Action action) {
  std::vector<std::string_view> out;
  for (const auto& [site, choices] : policy.sites())
    if (choices[index_of(c)] == action) out.push_back(site);
  return out;
}

// Block (or allow) everything `group` lists, limited to `scope` initiators: `initiators` when
// non-empty, otherwise everyone but `excluded`.
struct Scope {
  std::vector<std::string_view> initiators;
  std::vector<std::string_view> excluded;
  std::vector<std::string_view> excluded_requests{};  // hosts the rule must leave alone
};

void add_group_rules(RuleWriter& writer, DnrCategoryCount& count, const CategoryRules& group,
                     std::string_view action, int priority, const Scope& scope) {
  auto base = [&] {
    RuleSpec r;
    r.action = action;
    r.priority = priority;
    r.initiator_domains = scope.initiators;
    r.excluded_initiator_domains = scope.excluded;
    r.excluded_request_domains = scope.excluded_requests;
    return r;
  };
  auto tally = [&](bool added, std::size_t domains) {
    if (!added) return;
    if (action == "block") {
      ++count.block_rules;
      count.domains += domains;
    } else {
      ++count.allow_rules;
    }
  };
  RuleSpec hosts = base();
  hosts.request_domains = group.hosts;
  tally(writer.add(hosts), group.hosts.size());
  RuleSpec third = base();
  third.request_domains = group.third_party_hosts;
  third.third_party_only = true;
  tally(writer.add(third), group.third_party_hosts.size());
  for (const auto* rule : group.path_rules) {
    RuleSpec path = base();
    path.url_filter = url_filter_of(*rule);
    path.third_party_only = rule->third_party_only;
    tally(writer.add(path), 0);
  }
}

void add_set_cookie_removal(RuleWriter& writer, DnrCategoryCount& count, const CategoryRules& group,
                            int priority, const Scope& scope) {
  RuleSpec r;
  r.action = "modifyHeaders";
  r.priority = priority;
  r.request_domains.add(group.hosts);
  r.request_domains.add(group.third_party_hosts);
  r.third_party_only = true;
  r.initiator_domains = scope.initiators;
  r.excluded_initiator_domains = scope.excluded;
  if (writer.add(r)) ++count.header_rules;
}

// A rule covers another when its host is the other's host or a parent of it, and its path prefix
// (if any) is a prefix of the other's; it must be strictly less specific.
bool covers(const DnrHostRule& outer, const DnrHostRule& inner) {
  if (outer.host.size() > inner.host.size()) return false;
  if (outer.host != inner.host) {
    if (!inner.host.ends_with(outer.host)) return false;
    if (inner.host[inner.host.size() - outer.host.size() - 1] != '.') return false;
  } else if (outer.path_prefix.size() >= inner.path_prefix.size()) {
    return false;
  }
  return inner.path_prefix.starts_with(outer.path_prefix);
}

// "a.b.example" -> "b.example" -> "example" -> "".
std::string_view parent_of(std::string_view host) {
  const auto dot = host.find('.');
  return dot == std::string_view::npos ? std::string_view{} : host.substr(dot + 1);
}

bool refusable(Category c) { return std::find(kRefusable.begin(), kRefusable.end(), c) != kRefusable.end(); }

// The refusable categories (other than its own) of the rules that cover a rule, and its nesting
// depth: 0 for a rule no other category covers, else one more than the deepest rule of another
// category covering it. The engine's "more specific rule wins" needs, wherever the categories
// differ in action, a rule for the inner one above the rule for the outer one.
struct Cover {
  CategoryMask categories = 0;
  std::uint8_t depth = 0;
};

// Looked up in the sorted host lists of the index rather than in a table of its own: ~100k list
// hosts sorted apart would be a peak that WebAssembly's linear memory keeps.
class CoverFinder {
 public:
  CoverFinder(const std::array<CategoryRules, kCategoryCount>& groups, std::span<const DnrHostRule> path_rules)
      : groups_(groups) {
    for (const auto& rule : path_rules)
      if (refusable(rule.category)) paths_by_host_.push_back(&rule);
    std::stable_sort(paths_by_host_.begin(), paths_by_host_.end(),
                     [](const auto* a, const auto* b) { return a->host < b->host; });
  }

  Cover operator()(const DnrHostRule& inner) const {
    Cover out;
    if (inner.category == Category::unknown || index_of(inner.category) >= kCategoryCount ||
        !expressible_path(inner.path_prefix) || !valid_domain(inner.host))
      return out;
    // A covering rule is strictly less specific: the recursion ends.
    auto note = [&](const DnrHostRule& outer) {
      out.categories |= mask_of(outer.category);
      out.depth = std::max(out.depth, static_cast<std::uint8_t>((*this)(outer).depth + 1));
    };
    // A rule of the same host covers only a rule with a path: a plain host starts at its parent.
    for (std::string_view host = inner.path_prefix.empty() ? parent_of(inner.host) : inner.host; !host.empty();
         host = parent_of(host)) {
      for (Category c : kRefusable) {
        const DnrHostRule outer{host, {}, c};
        if (c == inner.category || !covers(outer, inner)) continue;
        const auto& group = groups_[index_of(c)];
        if (std::binary_search(group.hosts.begin(), group.hosts.end(), host) ||
            std::binary_search(group.third_party_hosts.begin(), group.third_party_hosts.end(), host))
          note(outer);
      }
      auto lo = std::lower_bound(paths_by_host_.begin(), paths_by_host_.end(), host,
                                 [](const DnrHostRule* r, std::string_view h) { return r->host < h; });
      for (auto it = lo; it != paths_by_host_.end() && (*it)->host == host; ++it)
        if ((*it)->category != inner.category && covers(**it, inner)) note(**it);
    }
    return out;
  }

 private:
  const std::array<CategoryRules, kCategoryCount>& groups_;
  std::vector<const DnrHostRule*> paths_by_host_;
};

struct NestedRule {
  DnrHostRule rule;
  Cover cover;
};

}  // namespace

struct DnrRuleIndex::Groups {
  std::string engine_hosts;  // what the rules of an engine view (dnr_hosts())
  std::array<CategoryRules, kCategoryCount> all;
  std::vector<DnrHostRule> path_rules;  // what `all`'s path_rules point into
  std::vector<DnrHostRule> vendor_rules;
  std::vector<DnrHostRule> vendor_path_rules;  // what `vendor_only`'s path_rules point into
  std::array<CategoryRules, kCategoryCount> vendor_only;
  std::vector<NestedRule> nested;  // the rules another category's rules cover, in the rules' order
};

namespace {

// Whether `c` is allowed on `site`, by its override or by default.
bool allows(const Policy& policy, std::string_view site, Category c) {
  const auto& choices = policy.sites().find(site)->second;
  return choices[index_of(c)].value_or(policy.default_for(c)) == Action::allow;
}

// Where the block for a refused rule nested in rules of the categories `covering` must outrank an
// allow those rules may have: on the sites that refuse the rule's category and allow one of
// `covering`. A covering category allowed by default has allow rules only for its own nested
// rules (depth 1 and more), so the block then goes everywhere the rule's category is refused.
// Returns false when no site needs it.
bool nested_block_scope(const Policy& policy, const DnrHostRule& inner, CategoryMask covering, unsigned depth,
                        RuleSpec& r) {
  const Category c = inner.category;
  bool covering_allowed_by_default = false;
  for (Category outer : kRefusable)
    if ((covering & mask_of(outer)) && policy.default_for(outer) == Action::allow) covering_allowed_by_default = true;
  if (policy.default_for(c) == Action::block && covering_allowed_by_default && depth >= 2) {
    r.excluded_initiator_domains = sites_choosing(policy, c, Action::allow);
    return true;
  }
  for (const auto& [site, choices] : policy.sites()) {
    if (allows(policy, site, c)) continue;
    for (Category outer : kRefusable)
      if ((covering & mask_of(outer)) && allows(policy, site, outer)) {
        r.initiator_domains.push_back(site);
        break;
      }
  }
  return !r.initiator_domains.empty();
}

// Rules nested in rules of another category, where the two differ in action: an allow (the
// inner category allowed, an outer one refused) or a block (the inner category refused, an outer
// one allowed: a host-wide allow must not let through a path the engine blocks, such as the Meta
// Pixel's fbevents.js on connect.facebook.net, whose host is social). Deeper rules rank higher.
void add_nested_rules(RuleWriter& writer, std::array<DnrCategoryCount, kCategoryCount>& counts,
                      const DnrRuleIndex& index, const Policy& policy, int priority) {
  CategoryMask refused = 0;
  for (Category c : kRefusable)
    if (policy.default_for(c) == Action::block || !sites_choosing(policy, c, Action::block).empty()) refused |= mask_of(c);
  for (const auto& nested : index.groups().nested) {
    const CategoryMask covering = nested.cover.categories;
    const unsigned depth = nested.cover.depth;
    const auto& inner = nested.rule;
    RuleSpec r;
    r.priority = priority + static_cast<int>(depth) - 1;
    if (inner.path_prefix.empty()) r.request_domains = DomainList(std::span(&inner.host, 1));
    else r.url_filter = url_filter_of(inner);
    RuleSpec block = r;
    if (covering & refused) {
      r.action = "allow";
      bool needed = true;
      if (inner.category != Category::necessary) {
        if (policy.default_for(inner.category) == Action::allow) {
          r.excluded_initiator_domains = sites_choosing(policy, inner.category, Action::block);
        } else {
          r.initiator_domains = sites_choosing(policy, inner.category, Action::allow);
          needed = !r.initiator_domains.empty();
        }
      }
      if (needed && writer.add(r)) ++counts[index_of(inner.category)].allow_rules;
    }
    block.action = "block";
    block.third_party_only = inner.third_party_only;
    // A host nested one level deep needs no block: the allows over the static rulesets leave it
    // out (excludedRequestDomains), and the dynamic host rules exclude only the allowing sites.
    const bool excluded_already = inner.path_prefix.empty() && depth < 2;
    if (inner.category != Category::necessary && (refused & mask_of(inner.category)) && !excluded_already &&
        nested_block_scope(policy, inner, covering, depth, block) && writer.add(block)) {
      ++counts[index_of(inner.category)].block_rules;
    }
  }
}

// The categories other than `c` that `site` refuses.
unsigned refused_besides(const Policy& policy, std::string_view site, Category c) {
  const auto& choices = policy.sites().find(site)->second;
  unsigned mask = 0;
  for (Category other : kRefusable) {
    if (other == c) continue;
    const auto action = choices[index_of(other)].value_or(policy.default_for(other));
    if (action == Action::block) mask |= 1u << index_of(other);
  }
  return mask;
}

// Per-site allows for `c` over the static rulesets. A host that `c` shares with a category the
// site still refuses, or that such a category lists under one of `c`'s hosts (the engine's more
// specific rule), must stay blocked: the allow rule excludes those hosts. Sites are grouped by
// the categories they refuse, one allow set per group. The index knows which rules a rule of `c`
// covers: one pass over the rules, not a walk up every list host's labels.
void add_static_overrides(RuleWriter& writer, DnrCategoryCount& count, const std::array<CategoryRules, kCategoryCount>& groups,
                          const DnrRuleIndex& index, Category c, const std::vector<std::string_view>& allowing,
                          const Policy& policy, int priority) {
  const auto& group = groups[index_of(c)];
  std::map<unsigned, std::vector<std::string_view>> sites_by_refusal;
  for (auto site : allowing) sites_by_refusal[refused_besides(policy, site, c)].push_back(site);
  for (const auto& [mask, sites] : sites_by_refusal) {
    Scope scope{sites, {}, {}};
    for (const auto& nested : index.groups().nested)
      if ((nested.cover.categories & mask_of(c)) && (mask & mask_of(nested.rule.category)) && nested.rule.path_prefix.empty())
        scope.excluded_requests.push_back(nested.rule.host);
    for (Category other : kRefusable) {
      if (!(mask & mask_of(other))) continue;
      for (const auto* hosts : {&groups[index_of(other)].hosts, &groups[index_of(other)].third_party_hosts})
        for (const auto* own : {&group.hosts, &group.third_party_hosts})
          for (auto host : *own)
            if (std::binary_search(hosts->begin(), hosts->end(), host)) scope.excluded_requests.push_back(host);
    }
    sort_unique(scope.excluded_requests);
    add_group_rules(writer, count, group, "allow", priority, scope);
  }
}

std::size_t rule_count(const CategoryRules& group) {
  return group.hosts.size() + group.third_party_hosts.size() + group.path_rules.size();
}

int static_block_priority(Category c, const DnrOptions& options) {
  return c == options.above_overrides ? options.high_block_priority : options.block_priority;
}

// What a site's overrides need over the static rulesets, as masks of categories (mask_of).
struct SiteOverride {
  CategoryMask allowed = 0;    // refused by default, allowed on the site
  CategoryMask reblocked = 0;  // refused there too, ruleset ranked below the site's allow: blocked again above it
  bool hostless = false;   // one allow naming no host carries the overrides
};

// A hostless allow outranks every rule of priority below its own on the site: the rulesets ranked
// below it, the blocks of a category the site refuses although allowed by default, the unknown
// third-party block and the Set-Cookie removal. It is used only where none of them must hold: the
// site blocks neither unknown third parties nor a category allowed by default, allows no category
// ranked above the allows, and the categories it still refuses below them are blocked again above
// it (their hosts listed, so only when they are fewer than the hosts of the categories allowed:
// functional and social's handful, never a big list). The Set-Cookie removal then has nothing left
// to act on: the refused categories' hosts never answer.
SiteOverride site_override(const Policy& policy, std::string_view site,
                           const std::array<CategoryRules, kCategoryCount>& groups, const DnrOptions& options) {
  const auto& choices = policy.sites().find(site)->second;
  SiteOverride o;
  bool possible = choices[index_of(Category::unknown)].value_or(policy.unknown_third_party()) == Action::allow;
  std::size_t allowed_rules = 0, reblocked_rules = 0;
  for (Category c : kRefusable) {
    const auto action = choices[index_of(c)].value_or(policy.default_for(c));
    if (policy.default_for(c) == Action::allow) {
      if (action == Action::block) possible = false;
    } else if (action == Action::allow) {
      o.allowed |= mask_of(c);
      allowed_rules += rule_count(groups[index_of(c)]);
      if (c == options.above_overrides) possible = false;
    } else if (c != options.above_overrides) {
      o.reblocked |= mask_of(c);
      reblocked_rules += rule_count(groups[index_of(c)]);
    }
  }
  o.hostless = possible && o.allowed != 0 && reblocked_rules < allowed_rules;
  return o;
}

// The sites whose overrides are hostless, grouped by what they allow and block again.
using HostlessGroups = std::map<std::pair<CategoryMask, CategoryMask>, std::vector<std::string_view>>;

HostlessGroups hostless_sites(const Policy& policy, const std::array<CategoryRules, kCategoryCount>& groups,
                              const DnrOptions& options) {
  HostlessGroups out;
  if (options.include_host_rules) return out;  // no static rulesets to rank against
  for (const auto& [site, choices] : policy.sites()) {
    const auto o = site_override(policy, site, groups, options);
    if (o.hostless) out[{o.allowed, o.reblocked}].push_back(site);
  }
  return out;
}

bool is_hostless(const HostlessGroups& hostless, std::string_view site) {
  for (const auto& [masks, sites] : hostless)
    if (std::find(sites.begin(), sites.end(), site) != sites.end()) return true;
  return false;
}

// One allow naming no host per group of sites, and above it the blocks of the categories they
// still refuse whose rulesets rank below it. The allow is counted in each category it lets through.
void add_hostless_overrides(RuleWriter& writer, std::array<DnrCategoryCount, kCategoryCount>& counts,
                            const std::array<CategoryRules, kCategoryCount>& groups, const HostlessGroups& hostless,
                            const DnrOptions& options) {
  for (const auto& [masks, sites] : hostless) {
    const auto [allowed, reblocked] = masks;
    RuleSpec allow;
    allow.action = "allow";
    allow.priority = options.allow_priority;
    allow.any_host = true;
    allow.initiator_domains = sites;
    if (writer.add(allow))
      for (Category c : kRefusable)
        if (allowed & mask_of(c)) ++counts[index_of(c)].allow_rules;
    for (Category c : kRefusable)
      if (reblocked & mask_of(c))
        add_group_rules(writer, counts[index_of(c)], groups[index_of(c)], "block", options.high_block_priority,
                        {sites, {}});
  }
}

// Blocks third-party requests no rule classifies (policy "unknown_third_party"). DNR cannot say
// "no rule matched", so the rule blocks third-party requests to every host except those the rules
// name in a category not refused by default (necessary included). A refused category's hosts are
// blocked by its own rules anyway; they need sparing only when a site's allow is written as an
// exclusion on those block rules (host rules in the dynamic rules) rather than as an allow rule,
// which outranks this one. Known is per host: a host a rule names only with a path is known for
// all its paths.
void add_unknown_block(RuleWriter& writer, DnrCategoryCount& count, const std::array<CategoryRules, kCategoryCount>& groups,
                       const Policy& policy, const DnrOptions& options) {
  RuleSpec r;
  r.action = "block";
  r.priority = options.block_priority;
  r.any_host = true;
  r.third_party_only = true;
  if (policy.unknown_third_party() == Action::block) {
    r.excluded_initiator_domains = sites_choosing(policy, Category::unknown, Action::allow);
  } else {
    r.initiator_domains = sites_choosing(policy, Category::unknown, Action::block);
    if (r.initiator_domains.empty()) return;
  }
  std::vector<std::string_view> path_hosts;
  for (Category c : kAllCategories) {
    if (c == Category::unknown) continue;
    const bool allowed_through_exclusion =
        options.include_host_rules && !sites_choosing(policy, c, Action::allow).empty();
    if (policy.default_for(c) == Action::block && !allowed_through_exclusion) continue;
    const auto& group = groups[index_of(c)];
    r.excluded_request_domains.add(group.hosts);
    r.excluded_request_domains.add(group.third_party_hosts);
    for (const auto* rule : group.path_rules) path_hosts.push_back(rule->host);
  }
  sort_unique(path_hosts);
  r.excluded_request_domains.add(path_hosts);
  if (writer.add(r)) ++count.block_rules;
}

}  // namespace

namespace {

bool dnr_expressible(const HostRuleInfo& r) {
  constexpr ResourceTypeMask kAllButDocument = kAllResourceTypes & ~type_bit(ResourceType::main_frame);
  if (r.flags & (kFilterException | kFilterFirstParty) || r.has_domains) return false;
  if (!(r.flags & (kFilterPlainHost | kRuleFromVendor))) return false;
  return (r.types & kAllButDocument) == kAllButDocument && index_of(r.category) < kCategoryCount;
}

// The hosts of the engine's rules DNR can express, in table order, one after another: the buffer
// stores them front-coded, and the rules handed on view them here. One exact allocation.
std::string dnr_hosts(const Engine& engine) {
  std::size_t bytes = 0;
  engine.for_each_host_rule([&](const HostRuleInfo& r) {
    if (dnr_expressible(r)) bytes += r.host.size();
  });
  std::string hosts;
  hosts.reserve(bytes);
  engine.for_each_host_rule([&](const HostRuleInfo& r) {
    if (dnr_expressible(r)) hosts += r.host;
  });
  return hosts;
}

// Calls f(const DnrHostRule&) for each host rule of the engine DNR can express, in table order;
// the host is a view into `hosts` (dnr_hosts(engine)), the path a view into the engine's buffer.
template <class F>
void for_each_dnr_rule(const Engine& engine, std::string_view hosts, F&& f) {
  std::size_t at = 0;
  engine.for_each_host_rule([&](const HostRuleInfo& r) {
    if (!dnr_expressible(r)) return;
    const std::string_view host = hosts.substr(std::min(at, hosts.size()), r.host.size());
    at += r.host.size();
    f(DnrHostRule{host, r.path_prefix, r.category, (r.flags & kFilterThirdParty) != 0, !(r.flags & kRuleFromVendor)});
  });
}

}  // namespace

std::vector<DnrHostRule> dnr_host_rules(const Engine& engine, std::string& hosts) {
  // Two passes over the buffer, one exact allocation.
  hosts = dnr_hosts(engine);
  std::size_t count = 0;
  for_each_dnr_rule(engine, hosts, [&](const DnrHostRule&) { ++count; });
  std::vector<DnrHostRule> out;
  out.reserve(count);
  for_each_dnr_rule(engine, hosts, [&](const DnrHostRule& rule) { out.push_back(rule); });
  // By host, each host's rules in table order: the order of the rules before the buffer sorted its
  // hosts reversed, which the static rulesets' path rules are listed in.
  std::stable_sort(out.begin(), out.end(), [](const DnrHostRule& a, const DnrHostRule& b) { return a.host < b.host; });
  return out;
}

std::vector<DnrHostRule> dnr_host_rules(const VendorDatabase& db) {
  std::vector<DnrHostRule> out;
  for (const auto& vendor : db.vendors)
    for (const auto& host : vendor.hosts) out.push_back({host.host, host.path_prefix, vendor.category, false});
  return out;
}

std::size_t append_dnr_list_rules(std::string_view text, Category category, std::vector<DnrHostRule>& out) {
  std::size_t added = 0;
  while (!text.empty()) {
    auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (!line.starts_with("||")) continue;
    auto caret = line.find('^');
    if (caret == std::string_view::npos) continue;
    std::string_view host = line.substr(2, caret - 2), rest = line.substr(caret + 1);
    bool third_party = rest == "$third-party" || rest == "$3p";
    if ((!rest.empty() && !third_party) || !valid_domain(host)) continue;
    out.push_back({host, {}, category, third_party, true});
    ++added;
  }
  return added;
}

Result<DnrOptions> parse_dnr_options(std::string_view text) {
  DnrOptions options;
  if (text.empty()) return options;
  auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return {Status::invalid_json, "DNR options must be a JSON object"};
  for (const auto& [key, value] : doc.items()) {
    if (key == "firstRuleId" && value.is_number_integer() && value.get<long long>() >= 1 &&
        value.get<long long>() < (1LL << 30)) {
      options.first_rule_id = static_cast<int>(value.get<long long>());
    } else if (key == "removeSetCookie" && value.is_boolean()) {
      options.remove_set_cookie = value.get<bool>();
    } else if (key == "includeHostRules" && value.is_boolean()) {
      options.include_host_rules = value.get<bool>();
    } else {
      return {Status::invalid_argument, "DNR option '" + key + "' is unknown or has the wrong type"};
    }
  }
  return options;
}

namespace {

// Indexes the rules `for_each_rule(f)` visits; each pass visits the same rules in the same order.
template <class ForEachRule>
void index_rules(ForEachRule&& for_each_rule, DnrRuleIndex::Groups& g) {
  group_by_category(for_each_rule, g.all, g.path_rules);
  for_each_rule([&](const DnrHostRule& rule) {
    if (!rule.from_list) g.vendor_rules.push_back(rule);
  });
  g.vendor_only = group_by_category(g.vendor_rules, g.vendor_path_rules);
  const CoverFinder cover_of(g.all, g.path_rules);
  for_each_rule([&](const DnrHostRule& rule) {
    if (const Cover cover = cover_of(rule); cover.categories) g.nested.push_back({rule, cover});
  });
}

}  // namespace

DnrRuleIndex::DnrRuleIndex(std::span<const DnrHostRule> rules) : groups_(std::make_unique<Groups>()) {
  index_rules([&](auto&& f) { std::for_each(rules.begin(), rules.end(), f); }, *groups_);
}

DnrRuleIndex::DnrRuleIndex(const Engine& engine) : groups_(std::make_unique<Groups>()) {
  groups_->engine_hosts = dnr_hosts(engine);
  index_rules([&](auto&& f) { for_each_dnr_rule(engine, groups_->engine_hosts, f); }, *groups_);
}

DnrRuleIndex::~DnrRuleIndex() = default;

DnrCompilation compile_dnr(const DnrRuleIndex& index, const Policy& policy, const DnrOptions& options,
                           const DnrJsonSink& rules_json) {
  DnrCompilation out;
  const auto& groups = index.groups().all;
  const auto& vendor_groups = index.groups().vendor_only;
  RuleWriter writer(options.first_rule_id, rules_json);
  const auto hostless = hostless_sites(policy, groups, options);
  add_hostless_overrides(writer, out.by_category, groups, hostless, options);
  for (Category c : kRefusable) {
    const auto& group = groups[index_of(c)];
    auto& count = out.by_category[index_of(c)];
    const auto allowing = sites_choosing(policy, c, Action::allow);
    const auto refusing = sites_choosing(policy, c, Action::block);
    if (policy.default_for(c) == Action::block) {
      if (options.include_host_rules) {
        add_group_rules(writer, count, group, "block", options.block_priority, {{}, allowing});
      } else {
        // The static ruleset cannot be edited: per-site allows naming its hosts go above it, for
        // the sites a hostless allow does not serve.
        std::vector<std::string_view> listing;
        std::copy_if(allowing.begin(), allowing.end(), std::back_inserter(listing),
                     [&](std::string_view site) { return !is_hostless(hostless, site); });
        const int priority = c == options.above_overrides ? options.high_allow_priority : options.allow_priority;
        if (!listing.empty()) add_static_overrides(writer, count, groups, index, c, listing, policy, priority);
      }
      if (options.remove_set_cookie)
        add_set_cookie_removal(writer, count, options.include_host_rules ? group : vendor_groups[index_of(c)],
                               options.block_priority, {{}, allowing});
    } else if (!refusing.empty()) {
      add_group_rules(writer, count, group, "block", options.block_priority, {refusing, {}});
      if (options.remove_set_cookie) add_set_cookie_removal(writer, count, group, options.block_priority, {refusing, {}});
    }
    out.unsafe_rules += count.header_rules;
  }
  add_unknown_block(writer, out.by_category[index_of(Category::unknown)], groups, policy, options);
  add_nested_rules(writer, out.by_category, index, policy, options.nested_allow_priority);
  out.rules = writer.count();
  writer.finish();
  return out;
}

Result<DnrCompilation> compile_dnr(const DnrRuleIndex& index, const Policy& policy, const DnrOptions& options) {
  std::string json;
  DnrCompilation out = compile_dnr(index, policy, options, [&](std::string_view piece) { json += piece; });
  out.rules_json = std::move(json);
  return out;
}

Result<DnrCompilation> compile_dnr(std::span<const DnrHostRule> rules, const Policy& policy,
                                   const DnrOptions& options) {
  return compile_dnr(DnrRuleIndex(rules), policy, options);
}

std::vector<DnrStaticRuleset> compile_dnr_static(std::span<const DnrHostRule> rules, const DnrOptions& options) {
  std::vector<DnrStaticRuleset> out;
  std::vector<DnrHostRule> path_rules;
  const auto groups = group_by_category(rules, path_rules);
  for (Category c : kRefusable) {
    DnrStaticRuleset set;
    RuleWriter writer(options.first_rule_id, [&](std::string_view piece) { set.rules_json += piece; });
    DnrCategoryCount unused;
    add_group_rules(writer, unused, groups[index_of(c)], "block", static_block_priority(c, options), {});
    writer.finish();
    if (writer.count() == 0) continue;
    set.id = "warden_" + std::string(category_name(c));
    set.category = c;
    set.rules = writer.count();
    out.push_back(std::move(set));
  }
  return out;
}

bool fits_static_limits(std::span<const DnrStaticRuleset> rulesets, const DnrLimits& limits) {
  std::size_t rules = 0;
  for (const auto& r : rulesets) rules += r.rules;
  return rules <= limits.static_rules && rulesets.size() <= limits.enabled_rulesets;
}

bool fits_dynamic_limits(const DnrCompilation& c, const DnrLimits& limits) {
  if (c.rules > limits.dynamic_rules) return false;
  return limits.unsafe_rules == 0 || c.unsafe_rules <= limits.unsafe_rules;
}

std::string dnr_compilation_to_json(DnrCompilation&& c) {
  // The rules dominate (megabytes with the big lists): wrap them in place instead of copying.
  std::string out = std::move(c.rules_json);
  out.insert(0, kDnrJsonHead);
  out += dnr_json_tail(c);
  return out;
}

std::string dnr_json_tail(const DnrCompilation& c) {
  auto n = [](std::size_t v) { return std::to_string(v); };
  std::string out;
  append(out, ",\"counts\":{\"rules\":", n(c.rules), ",\"unsafe\":", n(c.unsafe_rules), ",\"byCategory\":{");
  bool first = true;
  for (Category cat : kAllCategories) {
    const auto& k = c.by_category[index_of(cat)];
    if (k.block_rules + k.allow_rules + k.header_rules == 0) continue;
    append(out, first ? "\"" : ",\"", category_name(cat), "\":{\"block\":", n(k.block_rules), ",\"allow\":",
           n(k.allow_rules), ",\"removeSetCookie\":", n(k.header_rules), ",\"domains\":", n(k.domains), "}");
    first = false;
  }
  out += "}},\"limits\":{";
  first = true;
  for (const auto* limits : {&kChromiumDnrLimits, &kFirefoxDnrLimits}) {
    append(out, first ? "\"" : ",\"", limits->browser, "\":{\"dynamic\":", n(limits->dynamic_rules),
           ",\"unsafe\":", n(limits->unsafe_rules), ",\"fits\":", fits_dynamic_limits(c, *limits) ? "true" : "false", "}");
    first = false;
  }
  out += "}}";
  return out;
}

}  // namespace warden
