#include "warden/dnr_compiler.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "warden/engine.h"
#include "warden/engine_builder.h"

using nlohmann::json;
using warden::Action;
using warden::Category;
using warden::DnrHostRule;
using warden::Policy;

namespace {

const std::vector<DnrHostRule> kRules{
    {"google-analytics.com", "", Category::analytics, false},
    {"stats.example", "", Category::analytics, true},
    {"doubleclick.net", "", Category::marketing, false},
    {"google.com", "", Category::marketing, false},
    {"www.google.com", "/pagead/", Category::marketing, false},
    {"www.google.com", "/recaptcha/", Category::necessary, false},
    {"cdn.doubleclick.net", "", Category::functional, false},
};

json compile(const std::vector<DnrHostRule>& rules, const Policy& policy, warden::DnrOptions options = {}) {
  auto c = warden::compile_dnr(rules, policy, options);
  REQUIRE(c.ok());
  const auto count = c->rules;
  auto doc = json::parse(warden::dnr_compilation_to_json(std::move(c).value()));
  REQUIRE(doc["rules"].size() == count);
  return doc;
}

// The rules whose action type is `type` and whose condition lists `domain` in requestDomains.
std::vector<json> rules_for(const json& doc, std::string_view type, std::string_view domain) {
  std::vector<json> out;
  for (const auto& r : doc["rules"]) {
    if (r["action"]["type"] != type) continue;
    const auto& c = r["condition"];
    if (c.contains("requestDomains"))
      for (const auto& d : c["requestDomains"])
        if (d == domain) out.push_back(r);
  }
  return out;
}

std::vector<json> rules_with_filter(const json& doc, std::string_view type, std::string_view filter) {
  std::vector<json> out;
  for (const auto& r : doc["rules"])
    if (r["action"]["type"] == type && r["condition"].value("urlFilter", "") == filter) out.push_back(r);
  return out;
}

// What the browser does with DNR rules (the model of tests/wasm/warden.test.mjs): the action of the
// highest-priority matching block/allow rule, allow winning ties, or "allow" when none matches.
// Covers the conditions the compiler writes; `url` is "host/path", the site is the last two labels.
std::string dnr_verdict(const std::vector<json>& rules, std::string_view url, std::string_view initiator) {
  const std::string_view host = url.substr(0, url.find('/'));
  const auto under = [](std::string_view h, const json& domain) {
    const auto d = domain.get<std::string>();
    return h == d || (h.ends_with(d) && h.size() > d.size() && h[h.size() - d.size() - 1] == '.');
  };
  const auto any_under = [&](std::string_view h, const json& condition, const char* key) {
    if (!condition.contains(key)) return false;
    return std::any_of(condition[key].begin(), condition[key].end(), [&](const json& d) { return under(h, d); });
  };
  const auto site = [](std::string_view h) {
    auto dot = h.rfind('.');
    dot = dot == std::string_view::npos || dot == 0 ? std::string_view::npos : h.rfind('.', dot - 1);
    return dot == std::string_view::npos ? h : h.substr(dot + 1);
  };
  const json* best = nullptr;
  for (const auto& r : rules) {
    const auto type = r["action"]["type"];
    if (type != "block" && type != "allow") continue;
    const auto& c = r["condition"];
    if (c.contains("requestDomains") && !any_under(host, c, "requestDomains")) continue;
    if (any_under(host, c, "excludedRequestDomains")) continue;
    if (c.contains("urlFilter")) {
      const auto filter = c["urlFilter"].get<std::string>().substr(2);  // "||host/path"
      const auto slash = filter.find('/');
      const auto path = slash == std::string::npos ? std::string("/") : filter.substr(slash);
      if (!under(host, filter.substr(0, slash)) || !url.substr(host.size()).starts_with(path)) continue;
    }
    if (c.contains("initiatorDomains") && !any_under(initiator, c, "initiatorDomains")) continue;
    if (any_under(initiator, c, "excludedInitiatorDomains")) continue;
    if (c.value("domainType", "") == "thirdParty" && site(host) == site(initiator)) continue;
    if (!best || r["priority"] > (*best)["priority"] || (r["priority"] == (*best)["priority"] && type == "allow"))
      best = &r;
  }
  return best ? (*best)["action"]["type"].get<std::string>() : "allow";
}

// The rules a browser holds for `policy`: the dynamic rules, and with static rulesets those of
// the categories the policy refuses by default (how extension/js/dnr-enforcer.js enables them).
std::vector<json> browser_rules(const std::vector<DnrHostRule>& rules, const Policy& policy, bool static_rulesets) {
  warden::DnrOptions options;
  options.include_host_rules = !static_rulesets;
  auto doc = compile(rules, policy, options);
  std::vector<json> out(doc["rules"].begin(), doc["rules"].end());
  if (static_rulesets)
    for (const auto& set : warden::compile_dnr_static(rules))
      if (policy.default_for(set.category) == Action::block)
        for (const auto& r : json::parse(set.rules_json)) out.push_back(r);
  return out;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace

TEST_CASE("a refused category becomes one block rule over its hosts, except on sites that allow it") {
  Policy p = Policy::allow_all();
  p.set_default(Category::analytics, Action::block);
  p.set_site("shop.example", Category::analytics, Action::allow);
  auto doc = compile(kRules, p);

  auto blocks = rules_for(doc, "block", "google-analytics.com");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0]["priority"] == 1);
  CHECK(blocks[0]["condition"]["excludedInitiatorDomains"] == json::array({"shop.example"}));
  CHECK_FALSE(blocks[0]["condition"].contains("resourceTypes"));  // all but main_frame
  // $third-party hosts get their own rule with domainType.
  auto third = rules_for(doc, "block", "stats.example");
  REQUIRE(third.size() == 1);
  CHECK(third[0]["condition"]["domainType"] == "thirdParty");
  // Marketing is allowed: nothing blocks doubleclick.
  CHECK(rules_for(doc, "block", "doubleclick.net").empty());

  auto headers = rules_for(doc, "modifyHeaders", "google-analytics.com");
  REQUIRE(headers.size() == 1);
  CHECK(headers[0]["action"]["responseHeaders"][0]["header"] == "set-cookie");
  CHECK(headers[0]["action"]["responseHeaders"][0]["operation"] == "remove");
  CHECK(headers[0]["condition"]["domainType"] == "thirdParty");
  CHECK(doc["counts"]["unsafe"] == 1);
  CHECK(doc["counts"]["byCategory"]["analytics"]["domains"] == 2);
}

TEST_CASE("a site refusing a category allowed by default gets a block rule limited to its initiators") {
  Policy p = Policy::allow_all();
  p.set_site("news.example", Category::marketing, Action::block);
  auto doc = compile(kRules, p);
  auto blocks = rules_for(doc, "block", "doubleclick.net");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0]["condition"]["initiatorDomains"] == json::array({"news.example"}));
  auto path = rules_with_filter(doc, "block", "||www.google.com/pagead/");
  REQUIRE(path.size() == 1);
  CHECK(path[0]["condition"]["initiatorDomains"] == json::array({"news.example"}));
  CHECK(rules_for(doc, "block", "google-analytics.com").empty());
}

TEST_CASE("allowed rules nested in a refused host win with a higher-priority allow") {
  Policy p = Policy::necessary_only();
  p.set_default(Category::functional, Action::allow);
  auto doc = compile(kRules, p);
  // reCAPTCHA (necessary) lives under google.com (marketing, refused).
  auto recaptcha = rules_with_filter(doc, "allow", "||www.google.com/recaptcha/");
  REQUIRE(recaptcha.size() == 1);
  CHECK(recaptcha[0]["priority"] == 5);
  CHECK(recaptcha[0]["condition"]["isUrlFilterCaseSensitive"] == true);
  // A functional CDN under a marketing host, functional allowed.
  auto cdn = rules_for(doc, "allow", "cdn.doubleclick.net");
  REQUIRE(cdn.size() == 1);
  CHECK(cdn[0]["priority"] == 5);
  // The marketing path rule nested in the marketing host needs nothing extra.
  CHECK(rules_with_filter(doc, "allow", "||www.google.com/pagead/").empty());

  // With functional refused too, the CDN gets no allow.
  p.set_default(Category::functional, Action::block);
  CHECK(rules_for(compile(kRules, p), "allow", "cdn.doubleclick.net").empty());
}

// connect.facebook.net is social (the Facebook SDK); the Meta Pixel's paths on it are marketing.
const std::vector<DnrHostRule> kFacebookRules{
    {"connect.facebook.net", "", Category::social, false},
    {"connect.facebook.net", "/en_US/fbevents.js", Category::marketing, false},
    {"connect.facebook.net", "/signals/", Category::marketing, false},
    {"doubleclick.net", "", Category::marketing, false},
};

TEST_CASE("a site allowing social gets the Facebook SDK, never the Meta Pixel on the same host") {
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::social, Action::allow);
  for (bool static_rulesets : {true, false}) {
    CAPTURE(static_rulesets);
    const auto rules = browser_rules(kFacebookRules, p, static_rulesets);
    CHECK(dnr_verdict(rules, "connect.facebook.net/en_US/sdk.js", "www.shop.example") == "allow");
    CHECK(dnr_verdict(rules, "connect.facebook.net/en_US/fbevents.js", "www.shop.example") == "block");
    CHECK(dnr_verdict(rules, "connect.facebook.net/signals/config/1", "www.shop.example") == "block");
    CHECK(dnr_verdict(rules, "connect.facebook.net/en_US/sdk.js", "news.example") == "block");
    CHECK(dnr_verdict(rules, "connect.facebook.net/en_US/fbevents.js", "news.example") == "block");
  }
  // Marketing allowed there too: the pixel loads.
  p.set_site("shop.example", Category::marketing, Action::allow);
  for (bool static_rulesets : {true, false})
    CHECK(dnr_verdict(browser_rules(kFacebookRules, p, static_rulesets), "connect.facebook.net/en_US/fbevents.js",
                      "www.shop.example") == "allow");
}

TEST_CASE("a block nested in an allow nested in a block: each level outranks the one around it") {
  // A list makes all of facebook.net marketing; social allowed by default, so the SDK host gets a
  // nested allow, and the pixel under it a block above that allow.
  auto rules = kFacebookRules;
  rules.push_back({"facebook.net", "", Category::marketing, false, true});
  Policy p = Policy::necessary_only();
  p.set_default(Category::social, Action::allow);
  p.set_site("news.example", Category::social, Action::block);
  p.set_site("ads.example", Category::marketing, Action::allow);
  for (bool static_rulesets : {true, false}) {
    CAPTURE(static_rulesets);
    const auto r = browser_rules(rules, p, static_rulesets);
    CHECK(dnr_verdict(r, "static.facebook.net/x.js", "www.shop.example") == "block");
    CHECK(dnr_verdict(r, "connect.facebook.net/en_US/sdk.js", "www.shop.example") == "allow");
    CHECK(dnr_verdict(r, "connect.facebook.net/en_US/fbevents.js", "www.shop.example") == "block");
    CHECK(dnr_verdict(r, "connect.facebook.net/en_US/sdk.js", "news.example") == "block");
    CHECK(dnr_verdict(r, "connect.facebook.net/en_US/fbevents.js", "ads.example") == "allow");
  }
  auto doc = compile(rules, p);
  auto pixel = rules_with_filter(doc, "block", "||connect.facebook.net/en_US/fbevents.js");
  CHECK(std::any_of(pixel.begin(), pixel.end(), [](const json& r) { return r["priority"] == 6; }));
}

TEST_CASE("with static rulesets a site allowing analytics gets one allow naming no host, and the functional hosts blocked again") {
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::analytics, Action::allow);
  warden::DnrOptions options;
  options.include_host_rules = false;
  auto doc = compile(kRules, p, options);
  CHECK(rules_for(doc, "block", "google-analytics.com").empty());
  CHECK(rules_for(doc, "allow", "google-analytics.com").empty());  // not listed again
  std::vector<json> hostless;
  for (const auto& r : doc["rules"])
    if (r["action"]["type"] == "allow" && !r["condition"].contains("requestDomains") && !r["condition"].contains("urlFilter"))
      hostless.push_back(r);
  REQUIRE(hostless.size() == 1);
  CHECK(hostless[0]["priority"] == 2);
  CHECK(hostless[0]["condition"]["initiatorDomains"] == json::array({"shop.example"}));
  CHECK_FALSE(hostless[0]["condition"].contains("domainType"));
  // Functional's ruleset ranks below the allow: its hosts are blocked again above it on the shop.
  auto functional = rules_for(doc, "block", "cdn.doubleclick.net");
  REQUIRE(functional.size() == 1);
  CHECK(functional[0]["priority"] == 3);
  CHECK(functional[0]["condition"]["initiatorDomains"] == json::array({"shop.example"}));
  CHECK(rules_for(doc, "modifyHeaders", "google-analytics.com").size() == 1);

  const auto rules = browser_rules(kRules, p, true);
  CHECK(dnr_verdict(rules, "www.google-analytics.com/analytics.js", "www.shop.example") == "allow");
  CHECK(dnr_verdict(rules, "stats.example/s.js", "www.shop.example") == "allow");
  CHECK(dnr_verdict(rules, "www.google-analytics.com/analytics.js", "news.example") == "block");
  CHECK(dnr_verdict(rules, "ad.doubleclick.net/x", "www.shop.example") == "block");  // marketing ranks above
  CHECK(dnr_verdict(rules, "www.google.com/pagead/x", "www.shop.example") == "block");
  CHECK(dnr_verdict(rules, "cdn.doubleclick.net/lib.js", "www.shop.example") == "block");  // functional, refused
  CHECK(dnr_verdict(rules, "www.google.com/recaptcha/api.js", "www.shop.example") == "allow");
  CHECK(dnr_verdict(rules, "cdn.unknown.example/x.js", "www.shop.example") == "allow");
}

TEST_CASE("the static rulesets rank marketing above the per-site allows, the others below") {
  for (const auto& set : warden::compile_dnr_static(kRules))
    for (const auto& r : json::parse(set.rules_json))
      CHECK(r["priority"] == (set.category == Category::marketing ? 3 : 1));
}

TEST_CASE("with static rulesets an override the hostless allow cannot carry lists its hosts") {
  warden::DnrOptions options;
  options.include_host_rules = false;
  // Marketing ranks above the allows: allowing it names its hosts, above its ruleset.
  Policy marketing = Policy::necessary_only();
  marketing.set_site("ads.example", Category::marketing, Action::allow);
  auto doc = compile(kRules, marketing, options);
  auto allow = rules_for(doc, "allow", "doubleclick.net");
  REQUIRE(allow.size() == 1);
  CHECK(allow[0]["priority"] == 4);
  auto rules = browser_rules(kRules, marketing, true);
  CHECK(dnr_verdict(rules, "ad.doubleclick.net/x", "ads.example") == "allow");
  CHECK(dnr_verdict(rules, "www.google-analytics.com/analytics.js", "ads.example") == "block");
  CHECK(dnr_verdict(rules, "ad.doubleclick.net/x", "news.example") == "block");

  // A site blocking unknown third parties, or refusing a category allowed by default: an allow
  // naming no host would lift those blocks, so the allow names the analytics hosts.
  for (int variant = 0; variant < 2; ++variant) {
    CAPTURE(variant);
    Policy p = Policy::necessary_only();
    p.set_site("shop.example", Category::analytics, Action::allow);
    if (variant == 0) {
      p.set_site("shop.example", Category::unknown, Action::block);
    } else {
      p.set_default(Category::functional, Action::allow);
      p.set_site("shop.example", Category::functional, Action::block);
    }
    CHECK(rules_for(compile(kRules, p, options), "allow", "google-analytics.com").size() == 1);
    auto r = browser_rules(kRules, p, true);
    CHECK(dnr_verdict(r, "www.google-analytics.com/analytics.js", "www.shop.example") == "allow");
    CHECK(dnr_verdict(r, "cdn.doubleclick.net/lib.js", "www.shop.example") == "block");
    CHECK(dnr_verdict(r, "cdn.unknown.example/x.js", "www.shop.example") == (variant == 0 ? "block" : "allow"));
    CHECK(dnr_verdict(r, "www.google-analytics.com/analytics.js", "news.example") == "block");
  }
}

TEST_CASE("with static rulesets a site's allow leaves alone the hosts a category it still refuses lists") {
  // EasyPrivacy (analytics) and a marketing vendor both list hm.baidu.com; marketing also lists a
  // host under an analytics one. Allowing analytics on the shop must not let either through,
  // whether the allow names no host (shop) or names them (strict, which blocks unknown third parties).
  const std::vector<DnrHostRule> rules{
      {"hm.baidu.com", "", Category::analytics, false},
      {"stats.example", "", Category::analytics, true},
      {"hm.baidu.com", "", Category::marketing, false},
      {"ads.stats.example", "", Category::marketing, false},
      {"doubleclick.net", "", Category::marketing, false},
  };
  Policy p = Policy::necessary_only();
  for (auto site : {"shop.example", "strict.example", "both.example"})
    p.set_site(site, Category::analytics, Action::allow);
  p.set_site("strict.example", Category::unknown, Action::block);
  p.set_site("both.example", Category::marketing, Action::allow);
  warden::DnrOptions options;
  options.include_host_rules = false;
  auto doc = compile(rules, p, options);
  auto allow = rules_for(doc, "allow", "hm.baidu.com");
  REQUIRE(allow.size() == 3);  // analytics for strict and for both (two refusal groups), marketing for both
  for (const auto& r : allow) {
    const auto& c = r["condition"];
    if (c["initiatorDomains"] == json::array({"strict.example"}))
      CHECK(c["excludedRequestDomains"] == json::array({"ads.stats.example", "hm.baidu.com"}));
    else
      CHECK_FALSE(c.contains("excludedRequestDomains"));
  }
  // That exclusion is enough: the nested marketing host needs no block of its own.
  CHECK(rules_for(doc, "block", "ads.stats.example").empty());
  const auto r = browser_rules(rules, p, true);
  for (auto site : {"www.shop.example", "strict.example"}) {
    CAPTURE(site);
    CHECK(dnr_verdict(r, "stats.example/s.js", site) == "allow");
    CHECK(dnr_verdict(r, "hm.baidu.com/hm.js", site) == "block");
    CHECK(dnr_verdict(r, "ads.stats.example/a.js", site) == "block");
    CHECK(dnr_verdict(r, "doubleclick.net/x", site) == "block");
  }
  CHECK(dnr_verdict(r, "hm.baidu.com/hm.js", "both.example") == "allow");
  CHECK(dnr_verdict(r, "ads.stats.example/a.js", "both.example") == "allow");
}

TEST_CASE("rule ids are unique and start at firstRuleId") {
  auto options = warden::parse_dnr_options(R"({"firstRuleId": 100, "removeSetCookie": false})");
  REQUIRE(options.ok());
  auto doc = compile(kRules, Policy::necessary_only(), *options);
  std::set<int> ids;
  for (const auto& r : doc["rules"]) ids.insert(r["id"].get<int>());
  CHECK(ids.size() == doc["rules"].size());
  CHECK(*ids.begin() == 100);
  CHECK(doc["counts"]["unsafe"] == 0);
}

TEST_CASE("DNR options are validated") {
  CHECK(warden::parse_dnr_options("").ok());
  CHECK(warden::parse_dnr_options("{not json").status() == warden::Status::invalid_json);
  CHECK(warden::parse_dnr_options(R"({"firstRuleId": 0})").status() == warden::Status::invalid_argument);
  CHECK(warden::parse_dnr_options(R"({"topDomains": true})").status() == warden::Status::invalid_argument);
}

TEST_CASE("hosts and paths DNR cannot take are left out, not passed on") {
  std::vector<DnrHostRule> rules{{"UPPER.example", "", Category::marketing, false},
                                 {"ok.example", "/a*b", Category::marketing, false},
                                 {"q\"uote.example", "", Category::marketing, false},
                                 {"fine.example", "/ads/", Category::marketing, false},
                                 {"px.example", "/*/px.js", Category::marketing, false}};
  auto doc = compile(rules, Policy::necessary_only());
  std::string text = doc["rules"].dump();
  CHECK(text.find("UPPER") == std::string::npos);
  CHECK(text.find("a*b") == std::string::npos);
  CHECK(text.find("uote") == std::string::npos);
  CHECK(rules_with_filter(doc, "block", "||fine.example/ads/").size() == 1);
  // A '*' segment (vendor_database.h) is a urlFilter wildcard as it stands.
  CHECK(rules_with_filter(doc, "block", "||px.example/*/px.js").size() == 1);
}

TEST_CASE("limits: Firefox's 5,000 dynamic rules are exceeded before Chromium's 30,000") {
  std::vector<std::string> paths;
  for (int i = 0; i < 5001; ++i) paths.push_back("/p" + std::to_string(i) + "/");
  std::vector<DnrHostRule> rules;
  for (const auto& path : paths) rules.push_back({"ads.example", path, Category::marketing, false});
  auto c = warden::compile_dnr(rules, Policy::necessary_only());
  REQUIRE(c.ok());
  CHECK(c->rules == 5001);
  CHECK(warden::fits_dynamic_limits(*c, warden::kChromiumDnrLimits));
  CHECK_FALSE(warden::fits_dynamic_limits(*c, warden::kFirefoxDnrLimits));
  auto doc = json::parse(warden::dnr_compilation_to_json(std::move(c).value()));
  CHECK(doc["limits"]["chromium"]["fits"] == true);
  CHECK(doc["limits"]["firefox"]["fits"] == false);
  // No rule is a regexFilter, so no regex count or limit is reported: it could only ever say 0.
  for (const auto& rule : doc["rules"]) CHECK_FALSE(rule["condition"].contains("regexFilter"));
  CHECK_FALSE(doc["counts"].contains("regex"));
  CHECK_FALSE(doc["limits"]["chromium"].contains("regex"));
}

TEST_CASE("static rulesets: one per refusable category, ids from 1, necessary has none") {
  auto sets = warden::compile_dnr_static(kRules);
  std::set<std::string> ids;
  for (const auto& s : sets) {
    ids.insert(s.id);
    auto doc = json::parse(s.rules_json);
    REQUIRE(doc.size() == s.rules);
    CHECK(doc[0]["id"] == 1);
    for (const auto& r : doc) CHECK(r["action"]["type"] == "block");
  }
  CHECK(ids == std::set<std::string>{"warden_analytics", "warden_marketing", "warden_functional"});
}

TEST_CASE("list lines DNR takes unchanged: plain ||host^ with at most $third-party") {
  std::vector<DnrHostRule> out;
  auto n = warden::append_dnr_list_rules(
      "! comment\n||ads.example^\r\n||tp.example^$third-party\n||x.example^$script\n@@||ok.example^\n"
      "example.com##.ad\n||path.example/ads^\n||tp3.example^$3p\n",
      Category::marketing, out);
  CHECK(n == 3);
  REQUIRE(out.size() == 3);
  CHECK(out[0].host == "ads.example");
  CHECK_FALSE(out[0].third_party_only);
  CHECK(out[1].host == "tp.example");
  CHECK(out[1].third_party_only);
  CHECK(out[2].host == "tp3.example");
}

TEST_CASE("host rules are read back from a compiled engine") {
  warden::EngineBuilder builder;
  builder.add_filter_list("test", "||ads.example^\n||tp.example^$third-party\n@@||ok.example^\n"
                                  "||dom.example^$domain=a.example\n||img.example^$image\n/banner/*\n",
                          Category::marketing);
  warden::VendorDatabase db;
  warden::Vendor recaptcha;
  recaptcha.id = "recaptcha";
  recaptcha.name = "reCAPTCHA";
  recaptcha.category = Category::necessary;
  recaptcha.hosts.push_back({"www.google.com", "/recaptcha/"});
  db.vendors.push_back(recaptcha);
  builder.add_vendors(db);
  auto buffer = builder.build();
  REQUIRE(buffer.ok());
  auto engine = warden::Engine::load(*buffer);
  REQUIRE(engine.ok());
  std::set<std::string> seen;
  std::string hosts;
  for (const auto& r : warden::dnr_host_rules(*engine, hosts))
    seen.insert(std::string(r.host) + std::string(r.path_prefix) + (r.third_party_only ? "$3p" : "") + ":" +
                std::string(warden::category_name(r.category)));
  CHECK(seen == std::set<std::string>{"ads.example:marketing", "tp.example$3p:marketing",
                                      "www.google.com/recaptcha/:necessary"});
}

TEST_CASE("an engine's host rules come back sorted by host, each host's rules in list order") {
  // The buffer sorts hosts by their reversed bytes ("gro.b" before "moc.a"); the static rulesets
  // list path rules in the order of the hosts themselves, as they did before.
  warden::EngineBuilder builder;
  builder.add_filter_list("test", "||a.com^\n||b.org^\n||a.com^$third-party\n||z.com^\n", Category::marketing);
  auto buffer = builder.build();
  REQUIRE(buffer.ok());
  auto engine = warden::Engine::load(*buffer);
  REQUIRE(engine.ok());
  std::string hosts;
  std::vector<std::string> seen;
  for (const auto& r : warden::dnr_host_rules(*engine, hosts))
    seen.push_back(std::string(r.host) + (r.third_party_only ? "$3p" : ""));
  CHECK(seen == std::vector<std::string>{"a.com", "a.com$3p", "b.org", "z.com"});
  CHECK(hosts == "b.orga.coma.comz.com");  // decoded in table order
}

TEST_CASE("the real EasyList + EasyPrivacy compile within Chromium's dynamic limits") {
  std::string easylist, easyprivacy;
  const std::string lists = std::string(WARDEN_SOURCE_DIR) + "/engine/rules/lists/";
  REQUIRE(read_file(lists + "easylist.txt", easylist));
  REQUIRE(read_file(lists + "easyprivacy.txt", easyprivacy));
  std::vector<DnrHostRule> rules;
  auto marketing = warden::append_dnr_list_rules(easylist, Category::marketing, rules);
  auto analytics = warden::append_dnr_list_rules(easyprivacy, Category::analytics, rules);
  MESSAGE("DNR-ready list rules: easylist " << marketing << ", easyprivacy " << analytics);
  CHECK(marketing > 30000);
  CHECK(analytics > 30000);
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::analytics, Action::allow);
  auto c = warden::compile_dnr(rules, p);
  REQUIRE(c.ok());
  MESSAGE("dynamic rules: " << c->rules << ", unsafe " << c->unsafe_rules);
  CHECK(warden::fits_dynamic_limits(*c, warden::kChromiumDnrLimits));
  CHECK(warden::fits_dynamic_limits(*c, warden::kFirefoxDnrLimits));
  auto doc = json::parse(warden::dnr_compilation_to_json(std::move(c).value()));
  CHECK(doc["counts"]["byCategory"]["analytics"]["domains"].get<std::size_t>() > 30000);
  // With the lists in static rulesets, the shop's override names none of their hosts again.
  warden::DnrOptions with_static;
  with_static.include_host_rules = false;
  auto overriding = warden::compile_dnr(rules, p, with_static);
  REQUIRE(overriding.ok());
  std::size_t named = 0;
  for (const auto& r : json::parse(overriding->rules_json))
    for (const char* key : {"requestDomains", "excludedRequestDomains"})
      if (r["condition"].contains(key)) named += r["condition"][key].size();
  MESSAGE("with static rulesets: " << overriding->rules << " dynamic rules naming " << named << " hosts");
  CHECK(named < 100);
  auto statics = warden::compile_dnr_static(rules);
  REQUIRE(statics.size() == 2);
  CHECK(warden::fits_static_limits(statics, warden::kChromiumDnrLimits));
  CHECK(warden::fits_static_limits(statics, warden::kFirefoxDnrLimits));
}

TEST_CASE("static limits: rules against the static budget, rulesets against the enabled limit") {
  std::vector<warden::DnrStaticRuleset> sets(20);
  for (auto& s : sets) s.rules = 1500;
  CHECK(warden::fits_static_limits(sets, warden::kFirefoxDnrLimits));  // 30,000 rules, 20 rulesets
  sets[0].rules = 1501;
  CHECK_FALSE(warden::fits_static_limits(sets, warden::kFirefoxDnrLimits));
  CHECK(warden::fits_static_limits(sets, warden::kChromiumDnrLimits));
  sets[0].rules = 1;
  sets.emplace_back();
  CHECK_FALSE(warden::fits_static_limits(sets, warden::kFirefoxDnrLimits));  // 21 rulesets
  CHECK(warden::fits_static_limits(sets, warden::kChromiumDnrLimits));
}

TEST_CASE("with static rulesets the Set-Cookie removal names vendor hosts only, and overrides still reach the list hosts") {
  // The static ruleset blocks a refused category's list hosts, so their responses never arrive; a
  // site's override still needs them (allow above the ruleset, or block where allowed by default).
  const std::vector<DnrHostRule> rules{
      {"google-analytics.com", "", Category::analytics, false},
      {"stats.example", "", Category::analytics, true, /*from_list=*/true},
      {"ads.example", "", Category::marketing, false, /*from_list=*/true},
  };
  Policy p = Policy::necessary_only();
  p.set_default(Category::marketing, Action::allow);
  p.set_site("shop.example", Category::analytics, Action::allow);
  p.set_site("news.example", Category::marketing, Action::block);
  warden::DnrOptions options;
  options.include_host_rules = false;
  auto doc = compile(rules, p, options);
  CHECK(rules_for(doc, "modifyHeaders", "google-analytics.com").size() == 1);
  CHECK(rules_for(doc, "modifyHeaders", "stats.example").empty());
  const auto browser = browser_rules(rules, p, true);
  CHECK(dnr_verdict(browser, "stats.example/s.js", "www.shop.example") == "allow");
  CHECK(dnr_verdict(browser, "stats.example/s.js", "news.example") == "block");
  CHECK(dnr_verdict(browser, "ads.example/a.js", "news.example") == "block");
  auto marketing = rules_for(doc, "block", "ads.example");
  REQUIRE(marketing.size() == 1);
  CHECK(marketing[0]["condition"]["initiatorDomains"] == json::array({"news.example"}));
  CHECK(rules_for(doc, "modifyHeaders", "ads.example").size() == 1);

  // Without static rulesets the list hosts' Set-Cookie removal stays.
  CHECK(rules_for(compile(rules, p), "modifyHeaders", "stats.example").size() == 1);
}

namespace {
// The rules that block third-party requests to any host (no requestDomains, no urlFilter).
std::vector<json> unknown_blocks(const json& doc) {
  std::vector<json> out;
  for (const auto& r : doc["rules"]) {
    const auto& c = r["condition"];
    if (r["action"]["type"] == "block" && !c.contains("requestDomains") && !c.contains("urlFilter")) out.push_back(r);
  }
  return out;
}
}  // namespace

TEST_CASE("blocking unknown third parties: one third-party rule sparing the hosts of categories not refused") {
  Policy p = Policy::necessary_only();
  CHECK(unknown_blocks(compile(kRules, p)).empty());

  p.set_unknown_third_party(Action::block);
  p.set_default(Category::functional, Action::allow);
  p.set_site("lenient.example", Category::unknown, Action::allow);
  auto doc = compile(kRules, p);
  auto rules = unknown_blocks(doc);
  REQUIRE(rules.size() == 1);
  const auto& c = rules[0]["condition"];
  CHECK(c["domainType"] == "thirdParty");
  CHECK(rules[0]["priority"] == 1);
  CHECK_FALSE(c.contains("resourceTypes"));  // DNR's default leaves the top-level document alone
  // Necessary (reCAPTCHA's host, named with a path) and functional hosts are known and allowed;
  // refused categories' hosts are left to their own block rules.
  CHECK(c["excludedRequestDomains"] == json::array({"cdn.doubleclick.net", "www.google.com"}));
  CHECK(c["excludedInitiatorDomains"] == json::array({"lenient.example"}));
  CHECK(doc["counts"]["byCategory"]["unknown"]["block"] == 1);
  // A site allowing a refused category: with host rules in the dynamic rules, that category's
  // block rule excludes the site, so the unknown rule must spare its hosts too...
  p.set_site("shop.example", Category::analytics, Action::allow);
  auto spared = unknown_blocks(compile(kRules, p))[0]["condition"]["excludedRequestDomains"];
  CHECK(std::count(spared.begin(), spared.end(), "google-analytics.com") == 1);
  CHECK(std::count(spared.begin(), spared.end(), "stats.example") == 1);
  CHECK(std::count(spared.begin(), spared.end(), "doubleclick.net") == 0);
  // ...with static rulesets the site's allow rule outranks the unknown rule instead.
  warden::DnrOptions options;
  options.include_host_rules = false;
  auto with_static = compile(kRules, p, options);
  auto shop = rules_for(with_static, "allow", "google-analytics.com");
  REQUIRE(shop.size() == 1);
  CHECK(shop[0]["priority"] > unknown_blocks(with_static)[0]["priority"]);
  CHECK(unknown_blocks(with_static)[0]["condition"]["excludedRequestDomains"] ==
        json::array({"cdn.doubleclick.net", "www.google.com"}));
}

TEST_CASE("unknown third parties allowed by default, blocked on one site: the rule names that site") {
  Policy p = Policy::necessary_only();
  p.set_site("strict.example", Category::unknown, Action::block);
  auto rules = unknown_blocks(compile(kRules, p));
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]["condition"]["initiatorDomains"] == json::array({"strict.example"}));
  CHECK_FALSE(rules[0]["condition"].contains("excludedInitiatorDomains"));
}

TEST_CASE("one rule index serves every policy: the same rules as compiling from scratch") {
  const warden::DnrRuleIndex index(kRules);
  Policy strict = Policy::necessary_only();
  strict.set_unknown_third_party(Action::block);
  Policy lenient = Policy::allow_all();
  lenient.set_site("news.example", Category::marketing, Action::block);
  Policy overriding = Policy::necessary_only();
  overriding.set_default(Category::functional, Action::allow);
  overriding.set_site("shop.example", Category::analytics, Action::allow);
  for (const Policy* p : {&strict, &lenient, &overriding, &strict}) {
    for (bool host_rules : {true, false}) {
      warden::DnrOptions options;
      options.include_host_rules = host_rules;
      auto reused = warden::compile_dnr(index, *p, options);
      REQUIRE(reused.ok());
      CHECK(json::parse(warden::dnr_compilation_to_json(std::move(reused).value())) == compile(kRules, *p, options));
    }
  }
}

TEST_CASE("a compilation handed on in pieces: the same text, no piece holding a whole list of 30,000 hosts") {
  std::vector<std::string> hosts;
  for (int i = 0; i < 30000; ++i) hosts.push_back("tracker" + std::to_string(i) + ".example");
  std::vector<DnrHostRule> rules = kRules;
  for (const auto& host : hosts) rules.push_back({host, "", Category::analytics, false, true});
  const warden::DnrRuleIndex index(rules);
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::analytics, Action::allow);
  warden::DnrOptions options;
  options.include_host_rules = true;
  std::vector<std::size_t> sizes;
  std::string text(warden::kDnrJsonHead);
  const auto streamed = warden::compile_dnr(index, p, options, [&](std::string_view piece) {
    sizes.push_back(piece.size());
    text += piece;
  });
  text += warden::dnr_json_tail(streamed);
  auto whole = warden::compile_dnr(index, p, options);
  REQUIRE(whole.ok());
  CHECK(text == warden::dnr_compilation_to_json(std::move(whole).value()));
  CHECK(text.size() > 1'000'000);  // the analytics block and its Set-Cookie removal list every host
  CHECK(sizes.size() > 10);
  CHECK(*std::max_element(sizes.begin(), sizes.end()) < 80'000);
}
