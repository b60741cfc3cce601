// Compiles host rules x consent policy into Chromium/Firefox declarativeNetRequest (DNR) rules.
//
// Where the engine decides live (Firefox webRequest), the browser enforces DNR rules by itself
// (Chromium, Edge, Safari). DNR cannot express everything the engine does, so the compiler takes
// the part it can: host rules ("||host^", a vendor's host) and host+path-prefix rules.
//
// Dynamic rules (compile_dnr, rebuilt whenever the policy changes):
//   * one `block` rule per refused category, `requestDomains` = its hosts (DNR matches subdomains),
//     `excludedInitiatorDomains` = the sites whose override allows that category;
//   * one `block` rule per refused host+path rule (`urlFilter` "||host/path");
//   * `block` rules with `initiatorDomains` for sites that refuse a category allowed by default;
//   * higher-priority `allow` rules with `initiatorDomains` for sites that allow a category refused
//     by default — they also override the static rulesets below, which cannot be edited. With
//     static rulesets, a site that allows only categories ranked below `above_overrides` (see
//     DnrOptions) gets one allow naming no host instead, and blocks above it for the categories it
//     still refuses whose rulesets rank below it (small lists: when they name fewer hosts than the
//     categories it allows), so an override costs a few rules, not every host of a list again;
//   * higher-priority `allow` rules for allowed rules nested in a refused one (www.google.com/recaptcha/
//     is necessary while google.com-wide marketing is refused);
//   * as high `block` rules for refused rules nested in an allowed one, on the sites where the outer
//     rule's category is allowed: a site allowing social gets an allow over connect.facebook.net,
//     which must not let through the Meta Pixel's connect.facebook.net/en_US/fbevents.js (marketing).
//     Paths need them; a host nested one level deep is left out of the allows by
//     `excludedRequestDomains` instead, and needs one only deeper down.
//     A nested rule ranks one above the rules it is nested in (priority nested_allow_priority +
//     depth - 1), so the engine's "more specific rule wins" holds at every level.
//   * one `modifyHeaders` rule per refused category removing Set-Cookie from its third-party
//     responses (an "unsafe" rule: Chromium allows 5,000 of them, Firefox counts them as dynamic).
// Per-site overrides use `initiatorDomains`, which both browsers support: it tests the site of the
// frame making the request, so an override for shop.example covers shop.example's own frames, not a
// shop.example page's third-party iframes (Chromium's `topDomains` would, but Firefox rejects it).
//   * when the policy blocks unknown third parties (by default or on some sites): one `block`
//     rule for third-party requests to any host but those the rules name in a category not
//     refused by default. DNR cannot match "no rule matched", so "unknown" is per host here: a
//     host a rule names (even only with a path) is known for all its paths, and a host that only a
//     list exception (`@@`) or a non-host list rule names is unknown to DNR and blocked.
//
// Static rulesets (compile_dnr_static): one ruleset per category holding that category's host
// rules, enabled with updateEnabledRulesets when the category is refused. `above_overrides`'
// (marketing's) blocks rank above the per-site allows, the others' below them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "warden/category.h"
#include "warden/engine.h"
#include "warden/policy.h"
#include "warden/status.h"
#include "warden/vendor_database.h"

namespace warden {

// A rule DNR can take: a host (and its subdomains), optionally narrowed to a path prefix.
struct DnrHostRule {
  std::string_view host;         // normalised ASCII host
  std::string_view path_prefix;  // "" or "/recaptcha/"
  Category category = Category::unknown;
  bool third_party_only = false;  // list rules with $third-party
  bool from_list = false;         // a filter list's rule, not a vendor's
};

// The host rules of an engine (Engine::host_rules()) that DNR can express: vendor host rules and
// list rules that are plain `||host^` blocks for every resource type, with no `domain=` and at
// most $third-party, sorted by host. Their hosts are views into `hosts`, which receives them
// decoded, their paths views into the engine's buffer.
std::vector<DnrHostRule> dnr_host_rules(const Engine& engine, std::string& hosts);
// Every host rule of every vendor (views into `db`).
std::vector<DnrHostRule> dnr_host_rules(const VendorDatabase& db);
// The lines of a filter list DNR takes unchanged: "||host^" and "||host^$third-party" (or $3p);
// everything else stays with the engine. Appends views into `list_text`; returns how many.
std::size_t append_dnr_list_rules(std::string_view list_text, Category category, std::vector<DnrHostRule>& out);

// Limits as read from the browsers' APIs (shared/notes/extension-platform.md, DNR limits).
struct DnrLimits {
  std::string_view browser;
  std::size_t dynamic_rules;  // MAX_NUMBER_OF_DYNAMIC_RULES
  std::size_t unsafe_rules;   // MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES; 0 = counted within dynamic_rules
  std::size_t static_rules;   // getAvailableStaticRuleCount()
  std::size_t enabled_rulesets;
};
// No regexFilter rule is ever emitted (hosts, host/path url filters and initiators only), so the
// regex limit (MAX_NUMBER_OF_REGEX_RULES, 1000 in both) never applies.
inline constexpr DnrLimits kChromiumDnrLimits{"chromium", 30000, 5000, 330000, 50};
inline constexpr DnrLimits kFirefoxDnrLimits{"firefox", 5000, 0, 30000, 20};

struct DnrOptions {
  int first_rule_id = 1;
  // Rule priorities: block < allow-override < the blocks of `above_overrides` < its own
  // allow-overrides < nested rules (allow or block, from `nested_allow_priority` up, one per
  // nesting level). Static rulesets use `block_priority`, `above_overrides`' `high_block_priority`.
  int block_priority = 1;
  int allow_priority = 2;
  int high_block_priority = 3;
  int high_allow_priority = 4;
  int nested_allow_priority = 5;
  // The category whose static ruleset ranks above the per-site allows, so that a site allowing
  // other categories needs one allow rule naming no host (priorities are one order for all sites:
  // only one of the two big lists can rank above the other). Marketing: the most invasive category,
  // allowed per site least often; a site allowing it gets allow rules naming its hosts.
  Category above_overrides = Category::marketing;
  bool remove_set_cookie = true;
  // False when the category's host rules ship as static rulesets: the dynamic rules then hold only
  // the overrides, the path rules and the Set-Cookie removal. The Set-Cookie removal of a category
  // refused by default then names only its vendor hosts: the static ruleset blocks the list hosts'
  // requests, so they never get a response, and ~100k list hosts made every update megabytes.
  bool include_host_rules = true;
};
// Reads {"firstRuleId":1, "removeSetCookie":true, "includeHostRules":true}; every key optional.
Result<DnrOptions> parse_dnr_options(std::string_view json);

struct DnrCategoryCount {
  std::size_t block_rules = 0;
  std::size_t allow_rules = 0;
  std::size_t header_rules = 0;
  std::size_t domains = 0;  // entries in requestDomains lists of its block rules
};

struct DnrCompilation {
  std::string rules_json;  // JSON array, ready for updateDynamicRules({addRules})
  std::size_t rules = 0;
  std::size_t unsafe_rules = 0;
  std::array<DnrCategoryCount, kCategoryCount> by_category{};
};

// Whether a compilation fits a browser's dynamic limits.
bool fits_dynamic_limits(const DnrCompilation& c, const DnrLimits& limits);
// {"rules":[...], "counts":{...}, "limits":{"chromium":{...,"fits":true}, "firefox":{...}}}.
// Consumes the compilation: its rules text becomes the result without a copy.
std::string dnr_compilation_to_json(DnrCompilation&& c);

// What compile_dnr needs from the rules whatever the policy: the rules' hosts grouped by category
// (sorted, each once), and the rules that less specific rules of another category cover, with the
// categories and the depth of that nesting. Built once per engine (a walk over ~100k rules with
// sorting and host lookups, most of a compilation's time), then every policy change compiles from
// it. WebAssembly's linear memory keeps whatever the index peaks at, so it holds views, not
// copies, and no table of its own beside the host lists (~8 bytes a rule); built from an engine,
// it holds the hosts decoded once (the buffer stores them front-coded), which the views point into.
class DnrRuleIndex {
 public:
  // Views into the rules' strings, which must outlive the index (the span need not).
  explicit DnrRuleIndex(std::span<const DnrHostRule> rules);
  // The rules dnr_host_rules(engine) lists, read from the engine's buffer without a list of them.
  explicit DnrRuleIndex(const Engine& engine);
  DnrRuleIndex(const DnrRuleIndex&) = delete;
  DnrRuleIndex& operator=(const DnrRuleIndex&) = delete;
  ~DnrRuleIndex();

  struct Groups;
  const Groups& groups() const { return *groups_; }

 private:
  std::unique_ptr<Groups> groups_;
};

// Receives the rules' JSON array in pieces as it is written (about 64 KB each, cut between list
// items): WebAssembly hands them on to JS so that the megabytes a compilation can list never sit
// whole in its linear memory, which would keep that peak for good.
using DnrJsonSink = std::function<void(std::string_view)>;

Result<DnrCompilation> compile_dnr(const DnrRuleIndex& index, const Policy& policy, const DnrOptions& options = {});
// The same, the rules written to `rules_json` (DnrCompilation::rules_json stays empty). The whole
// of dnr_compilation_to_json() is kDnrJsonHead, the rules, then dnr_json_tail().
DnrCompilation compile_dnr(const DnrRuleIndex& index, const Policy& policy, const DnrOptions& options,
                           const DnrJsonSink& rules_json);
inline constexpr std::string_view kDnrJsonHead = "{\"rules\":";
std::string dnr_json_tail(const DnrCompilation& c);
// The same for rules compiled once (tests, tools): builds the index and compiles.
Result<DnrCompilation> compile_dnr(std::span<const DnrHostRule> rules, const Policy& policy,
                                   const DnrOptions& options = {});

struct DnrStaticRuleset {
  std::string id;  // "warden_analytics": the ruleset id of manifest.json and updateEnabledRulesets
  Category category = Category::unknown;
  std::string rules_json;  // the ruleset file's content
  std::size_t rules = 0;
};
// One ruleset per category that has rules (necessary never blocks, so it gets none).
std::vector<DnrStaticRuleset> compile_dnr_static(std::span<const DnrHostRule> rules,
                                                 const DnrOptions& options = {});
// Whether all the rulesets can be enabled at once: their rules within the static rule budget
// (getAvailableStaticRuleCount) and their number within the enabled-ruleset limit.
bool fits_static_limits(std::span<const DnrStaticRuleset> rulesets, const DnrLimits& limits);

}  // namespace warden
