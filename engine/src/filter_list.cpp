#include "warden/filter_list.h"

#include <algorithm>
#include <array>
#include <unordered_set>
#include <utility>

#include "regex_matcher.h"

namespace warden {
namespace {

// uBO drops longer patterns too (FILTER_UNSUPPORTED); they are never real network rules.
constexpr std::size_t kMaxPatternLength = 1024;
constexpr std::size_t kMaxRuleLength = 65535;  // rule text length is stored as uint16

// Every network type but main_frame: what `~script` leaves, as in uBO (document is behavioural).
constexpr ResourceTypeMask kNetworkTypes =
    static_cast<ResourceTypeMask>(kAllResourceTypes & ~type_bit(ResourceType::main_frame));

struct TypeOption {
  std::string_view name;
  ResourceTypeMask mask;
};

constexpr std::array<TypeOption, 22> kTypeOptions{{
    {"script", type_bit(ResourceType::script)},
    {"image", type_bit(ResourceType::image)},
    {"stylesheet", type_bit(ResourceType::stylesheet)},
    {"css", type_bit(ResourceType::stylesheet)},
    {"xmlhttprequest", type_bit(ResourceType::xmlhttprequest)},
    {"xhr", type_bit(ResourceType::xmlhttprequest)},
    {"subdocument", type_bit(ResourceType::sub_frame)},
    {"frame", type_bit(ResourceType::sub_frame)},
    {"ping", type_bit(ResourceType::ping)},
    {"beacon", type_bit(ResourceType::ping)},
    {"media", type_bit(ResourceType::media)},
    {"font", type_bit(ResourceType::font)},
    {"websocket", type_bit(ResourceType::websocket)},
    {"object", type_bit(ResourceType::object)},
    {"object-subrequest", type_bit(ResourceType::object)},
    {"other", type_bit(ResourceType::other)},
    {"document", type_bit(ResourceType::main_frame)},
    {"doc", type_bit(ResourceType::main_frame)},
    {"all", kAllResourceTypes},
    // Resource types the engine never sees; a rule only for them does nothing, so it is skipped.
    {"popup", 0},
    {"popunder", 0},
    {"webrtc", 0},
}};

// Options that change what happens to a matched request in ways the engine does not implement.
constexpr std::array<std::string_view, 31> kUnsupportedOptions{
    "redirect-rule", "removeparam", "queryprune", "csp",
    "replace",    "urlskip",       "uritransform", "permissions", "header",    "denyallow",
    "to",         "method",        "cname",       "strict1p",   "strict3p",   "strict-first-party",
    "strict-third-party", "ipaddress", "inline-script", "inline-font", "generichide", "ghide",
    "elemhide",   "ehide",         "specifichide", "shide",      "genericblock", "empty",
    "mp4",        "sitekey",       "reason"};

constexpr std::array<std::string_view, 2> kIgnoredOptions{"collapse", "_"};

// A redirect filter blocks the request and serves a neutered resource instead; the engine keeps
// the block (what uBO's and Ghostery's matchers report) and drops the replacement.
constexpr std::array<std::string_view, 2> kBlockingRedirectOptions{"redirect", "rewrite"};

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_lower_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// A hostname as uBO's "pure hostname" test reads it: dot-separated labels, each starting and
// ending with a letter or digit ("-728x90." is a substring pattern, not a host).
bool is_hostname(std::string_view p) {
  if (p.empty() || p.size() > 253 || !std::all_of(p.begin(), p.end(), is_lower_host_char)) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = p.find('.', start);
    std::string_view label = p.substr(start, dot == std::string_view::npos ? p.npos : dot - start);
    if (label.empty() || !is_alnum(label.front()) || !is_alnum(label.back())) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// Cosmetic filters, scriptlets and HTML filters all put a `#` marker (or `$$`) between the
// domains and the body: `##`, `#@#`, `#?#`, `#$#`, `#@$?#`, `#%#`, `##+js(...)`.
std::string_view cosmetic_kind(std::string_view line) {
  for (std::size_t i = line.find('#'); i != std::string_view::npos; i = line.find('#', i + 1)) {
    std::size_t j = i + 1;
    if (j < line.size() && line[j] == '@') ++j;
    while (j < line.size() && (line[j] == '?' || line[j] == '$' || line[j] == '%')) ++j;
    if (j < line.size() && line[j] == '#') {
      std::string_view body = line.substr(j + 1);
      if (body.substr(0, 4) == "+js(" || line.substr(i, j - i + 1).find('%') != std::string_view::npos)
        return "scriptlet";
      return "cosmetic";
    }
  }
  if (line.find("$$") != std::string_view::npos || line.find("$@$") != std::string_view::npos) return "html filter";
  return {};
}

std::string option_reason(std::string_view what, std::string_view option) {
  std::string out(what);
  out.append(option);
  return out;
}

struct OptionResult {
  std::string skip_reason;
  std::string dropped_option;  // loaded without this option
  bool badfilter = false;
};

ResourceTypeMask type_mask_of(std::string_view name, bool& known) {
  for (const auto& t : kTypeOptions)
    if (t.name == name) {
      known = true;
      return t.mask;
    }
  known = false;
  return 0;
}

bool parse_domains(std::string_view value, std::vector<DomainConstraint>& out) {
  while (!value.empty()) {
    std::size_t bar = value.find('|');
    std::string_view item = value.substr(0, bar);
    value = bar == std::string_view::npos ? std::string_view{} : value.substr(bar + 1);
    DomainConstraint d;
    if (!item.empty() && item.front() == '~') {
      d.negated = true;
      item.remove_prefix(1);
    }
    if (item.size() > 2 && item.substr(item.size() - 2) == ".*") {
      d.entity = true;
      item.remove_suffix(2);
    }
    if (item.empty() || item.size() > 253) return false;
    d.domain = to_lower(item);
    if (!std::all_of(d.domain.begin(), d.domain.end(), is_lower_host_char)) return false;  // regex domains
    out.push_back(std::move(d));
  }
  return !out.empty();
}

OptionResult parse_options(std::string_view options, NetworkFilter& f) {
  ResourceTypeMask positive = 0, negative = 0;
  bool any_type = false, saw_positive = false;
  std::string unsupported_type;
  OptionResult r;
  while (true) {
    std::size_t comma = options.find(',');
    std::string_view raw = trim(options.substr(0, comma));
    std::string opt = to_lower(raw);
    bool negated = !opt.empty() && opt.front() == '~';
    std::string_view name = std::string_view(opt).substr(negated ? 1 : 0);
    std::string_view value;
    if (std::size_t eq = name.find('='); eq != std::string_view::npos) {
      value = std::string_view(raw).substr((negated ? 1 : 0) + eq + 1);
      name = name.substr(0, eq);
    }
    bool known_type = false;
    ResourceTypeMask mask = type_mask_of(name, known_type);
    if (name.empty()) {
      r.skip_reason = "empty option";
    } else if (known_type) {
      any_type = true;
      (negated ? negative : positive) |= mask;
      if (!negated) saw_positive = true;
      if (!negated && mask == 0) unsupported_type = name;
    } else if (name == "third-party" || name == "3p") {
      f.flags |= negated ? kFilterFirstParty : kFilterThirdParty;
    } else if (name == "first-party" || name == "1p") {
      f.flags |= negated ? kFilterThirdParty : kFilterFirstParty;
    } else if ((name == "domain" || name == "from") && !negated) {
      if (!parse_domains(value, f.domains)) r.skip_reason = "unsupported domain= value";
    } else if (name == "match-case" && !negated) {
      f.flags |= kFilterMatchCase;
    } else if (name == "important" && !negated) {
      f.flags |= kFilterImportant;
    } else if (name == "badfilter" && !negated) {
      r.badfilter = true;
    } else if (std::find(kBlockingRedirectOptions.begin(), kBlockingRedirectOptions.end(), name) !=
                   kBlockingRedirectOptions.end() && !negated) {
      if (f.flags & kFilterException) r.skip_reason = option_reason("unsupported option $", name) + " (exception)";
      r.dropped_option = option_reason("$", name);
    } else if (std::find(kIgnoredOptions.begin(), kIgnoredOptions.end(), name) != kIgnoredOptions.end()) {
      // changes nothing for a network decision
    } else if (std::find(kUnsupportedOptions.begin(), kUnsupportedOptions.end(), name) != kUnsupportedOptions.end()) {
      r.skip_reason = option_reason("unsupported option $", name);
    } else {
      r.skip_reason = option_reason("unknown option $", name.substr(0, 40));
    }
    if (!r.skip_reason.empty()) return r;
    if (comma == std::string_view::npos) break;
    options.remove_prefix(comma + 1);
  }
  if ((f.flags & kFilterFirstParty) && (f.flags & kFilterThirdParty))
    f.flags &= static_cast<std::uint16_t>(~(kFilterFirstParty | kFilterThirdParty));
  if (any_type) {
    if (saw_positive && positive == 0) {
      r.skip_reason = option_reason("unsupported option $", unsupported_type);
      return r;
    }
    ResourceTypeMask types = positive ? positive : (negative ? kNetworkTypes : kAllResourceTypes);
    types = static_cast<ResourceTypeMask>(types & ~negative);
    if (types == 0) r.skip_reason = "no resource type left";
    f.types = types;
  }
  return r;
}

// Splits "pattern$options" at the options separator. A regex (`/.../`) may contain `$` itself.
std::pair<std::string_view, std::string_view> split_options(std::string_view rule) {
  if (rule.size() > 2 && rule.front() == '/' && rule.back() == '/') return {rule, {}};
  std::size_t dollar = rule.rfind('$');
  if (dollar == std::string_view::npos || dollar + 1 == rule.size()) return {rule, {}};
  return {rule.substr(0, dollar), rule.substr(dollar + 1)};
}

void compile_pattern(std::string_view pattern, NetworkFilter& f) {
  if (pattern.substr(0, 2) == "||") {
    f.flags |= kFilterHostAnchor;
    pattern.remove_prefix(2);
  } else if (!pattern.empty() && pattern.front() == '|') {
    f.flags |= kFilterLeftAnchor;
    pattern.remove_prefix(1);
  }
  if (!pattern.empty() && pattern.back() == '|') {
    f.flags |= kFilterRightAnchor;
    pattern.remove_suffix(1);
  }
  // Leading/trailing wildcards mean "unanchored" on that side.
  if (!pattern.empty() && pattern.front() == '*') {
    f.flags &= static_cast<std::uint16_t>(~(kFilterLeftAnchor | kFilterHostAnchor));
    while (!pattern.empty() && pattern.front() == '*') pattern.remove_prefix(1);
  }
  if (!pattern.empty() && pattern.back() == '*') {
    f.flags &= static_cast<std::uint16_t>(~kFilterRightAnchor);
    while (!pattern.empty() && pattern.back() == '*') pattern.remove_suffix(1);
  }
  std::string p;
  p.reserve(pattern.size());
  for (char c : pattern)
    if (c != '*' || p.empty() || p.back() != '*') p.push_back(c);
  if (!(f.flags & kFilterMatchCase)) std::transform(p.begin(), p.end(), p.begin(), lower);
  f.pattern = std::move(p);
}

// `||host^` (and a bare hostname line, which uBO reads the same way) is a host-table rule.
void mark_plain_host(NetworkFilter& f, bool bare) {
  std::string_view p = f.pattern;
  if ((f.flags & kFilterMatchCase) || (f.flags & (kFilterLeftAnchor | kFilterRightAnchor))) return;
  if (f.flags & kFilterHostAnchor) {
    if (p.size() < 2 || p.back() != '^') return;
    p.remove_suffix(1);
  } else if (!bare || p.find('.') == std::string_view::npos) {
    return;
  }
  if (!is_hostname(p)) return;
  f.pattern.assign(p);
  f.flags = static_cast<std::uint16_t>((f.flags & ~kFilterHostAnchor) | kFilterPlainHost);
}

}  // namespace

ParsedFilter parse_filter(std::string_view line) {
  ParsedFilter out;
  line = trim(line);
  if (line.empty()) return out;
  if (line.front() == '!') return {std::nullopt, "comment", {}, false};
  if (line.front() == '[') return {std::nullopt, "header", {}, false};
  if (std::string_view kind = cosmetic_kind(line); !kind.empty()) return {std::nullopt, std::string(kind), {}, false};
  if (line.size() > kMaxRuleLength) return {std::nullopt, "rule too long", {}, false};

  NetworkFilter f;
  f.text.assign(line);
  std::string_view rule = line;
  if (rule.substr(0, 2) == "@@") {
    f.flags |= kFilterException;
    rule.remove_prefix(2);
  }
  auto [pattern, options] = split_options(rule);
  if (!options.empty()) {
    OptionResult r = parse_options(options, f);
    if (!r.skip_reason.empty()) return {std::nullopt, std::move(r.skip_reason), {}, false};
    out.badfilter = r.badfilter;
    out.dropped_option = std::move(r.dropped_option);
  }
  if (pattern.size() > kMaxPatternLength) return {std::nullopt, "pattern too long", {}, false};
  if (pattern.size() > 2 && pattern.front() == '/' && pattern.back() == '/') {
    std::string_view source = pattern.substr(1, pattern.size() - 2);
    if (!regex_supported(source)) return {std::nullopt, "unsupported regex", {}, false};
    f.flags |= kFilterRegex;
    f.pattern.assign(source);
  } else {
    compile_pattern(pattern, f);
    mark_plain_host(f, options.empty());
  }
  const bool constrained = !f.domains.empty() || f.types != kAllResourceTypes ||
                           (f.flags & (kFilterFirstParty | kFilterThirdParty | kFilterException));
  if (f.pattern.empty() && !constrained)
    return {std::nullopt, "matches everything", {}, false};
  out.filter = std::move(f);
  return out;
}

namespace {

// Two filters are the same filter when everything but the `badfilter` option agrees.
std::string identity_key(const NetworkFilter& f) {
  std::string key = f.pattern;
  key += '\0';
  key += std::to_string(f.flags) + ':' + std::to_string(f.types);
  std::vector<std::string> domains;
  for (const auto& d : f.domains) domains.push_back((d.negated ? "~" : "") + d.domain + (d.entity ? ".*" : ""));
  std::sort(domains.begin(), domains.end());
  for (const auto& d : domains) key += '|' + d;
  return key;
}

}  // namespace

ParsedFilterList parse_filter_list(std::string_view name, std::string_view text, Category category) {
  ParsedFilterList out;
  out.report.name.assign(name);
  out.report.category = category;
  std::unordered_set<std::string> bad;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++out.report.lines;
    ParsedFilter p = parse_filter(line);
    if (p.filter && p.badfilter) {
      bad.insert(identity_key(*p.filter));
      ++out.report.skipped["badfilter"];
    } else if (p.filter) {
      if (!p.dropped_option.empty()) ++out.report.loaded_without[p.dropped_option];
      out.filters.push_back(std::move(*p.filter));
    } else if (!p.skip_reason.empty()) {
      ++out.report.skipped[p.skip_reason];
    }
  }
  if (!bad.empty()) {
    auto disabled = std::remove_if(out.filters.begin(), out.filters.end(),
                                   [&](const NetworkFilter& f) { return bad.count(identity_key(f)) != 0; });
    if (std::size_t n = static_cast<std::size_t>(out.filters.end() - disabled))
      out.report.skipped["disabled by badfilter"] += n;
    out.filters.erase(disabled, out.filters.end());
  }
  out.report.loaded = out.filters.size();
  return out;
}

}  // namespace warden
