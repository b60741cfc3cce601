#include "warden/engine.h"

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/default_engine.h"
#include "request_corpus.h"
#include "warden/engine_builder.h"
#include "warden/snapshot.h"

using namespace warden;
using warden::test::default_engine;

// Counts heap allocations while enabled, to check that deciding does not allocate once warm.
namespace {
std::atomic<bool> g_count_allocations{false};
std::atomic<std::size_t> g_allocations{0};
}  // namespace

// Every plain form is replaced so that all of them pair malloc with free (sanitizers check).
namespace {
void* counted_malloc(std::size_t n) noexcept {
  if (g_count_allocations.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
}  // namespace

void* operator new(std::size_t n) {
  if (void* p = counted_malloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = counted_malloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
// GCC 12 pairs an inlined std::allocator's `new` with the sized delete below and warns that free()
// does not match it, not seeing that every `new` here is malloc too.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace {

constexpr std::string_view kShop = "https://www.shop.example/cart";

Classification classify(const Engine& e, std::string_view url, std::string_view top = kShop,
                        ResourceType type = ResourceType::script) {
  auto c = e.classify(Request{url, top, "", type});
  REQUIRE_MESSAGE(c.ok(), c.detail());
  return *c;
}

Classification cookie(const Engine& e, std::string_view name, std::string_view domain = "www.shop.example",
                      std::string_view top = kShop) {
  auto c = e.classify(CookieWrite{name, domain, top, CookieSource::http, ""});
  REQUIRE_MESSAGE(c.ok(), c.detail());
  return *c;
}

Vendor vendor(std::string id, Category category, std::vector<HostRule> hosts, std::vector<CookieRule> cookies = {}) {
  Vendor v;
  v.name = "Vendor " + id;
  v.id = std::move(id);
  v.category = category;
  v.hosts = std::move(hosts);
  v.cookies = std::move(cookies);
  return v;
}

std::vector<std::uint8_t> build(EngineBuilder& b) {
  auto buffer = b.build();
  REQUIRE_MESSAGE(buffer.ok(), buffer.detail());
  return std::move(buffer).value();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A small engine with a bit of everything, for the buffer tests.
std::vector<std::uint8_t> small_buffer() {
  EngineBuilder b;
  VendorDatabase db;
  db.vendors.push_back(vendor("ga", Category::analytics, {{"google-analytics.com", ""}}, {{"_ga", false, ""}, {"_ga_", true, ""}}));
  db.vendors.push_back(vendor("rc", Category::necessary, {{"www.google.com", "/recaptcha/"}}));
  b.add_vendors(db);
  b.add_filter_list("l", "||ads.test^$third-party\n/banner/*.gif$domain=shop.example\n@@||ads.test/ok^\n/\\/x[0-9]+\\//\n",
                    Category::marketing);
  return build(b);
}

}  // namespace

TEST_CASE("acceptance: one host, two vendors told apart by path") {
  Engine e = default_engine();
  Classification rc = classify(e, "https://www.google.com/recaptcha/api.js");
  CHECK(rc.category == Category::necessary);
  CHECK(rc.vendor == "Google reCAPTCHA");
  CHECK(rc.third_party);
  Classification ads = classify(e, "https://www.google.com/pagead/1p-user-list/123/?random=1", kShop, ResourceType::image);
  CHECK(ads.category == Category::marketing);
  CHECK(ads.vendor == "Google Ads");
  CHECK_FALSE(ads.rule.empty());
}

TEST_CASE("acceptance: first-party cookies on an ordinary site") {
  Engine e = default_engine();
  for (auto name : {"PHPSESSID", "csrftoken", "__Host-session"}) {
    CAPTURE(name);
    CHECK(cookie(e, name).category == Category::necessary);
    CHECK_FALSE(cookie(e, name).third_party);
  }
  CHECK(cookie(e, "_ga").category == Category::analytics);
  CHECK(cookie(e, "_ga").vendor == "Google Analytics");
  CHECK(cookie(e, "_gid").category == Category::analytics);
  CHECK(cookie(e, "_fbp").category == Category::marketing);
  Classification own = cookie(e, "cart_items_v2");
  CHECK(own.category == Category::necessary);
  CHECK(e.rule_text(own.rule) == "first-party");
}

TEST_CASE("acceptance: an unknown third-party host is unknown, an unknown first-party one necessary") {
  Engine e = default_engine();
  Classification c = classify(e, "https://cdn.nobody-knows-this.example/lib.js");
  CHECK(c.category == Category::unknown);
  CHECK(c.third_party);
  CHECK(c.rule.empty());
  Classification own = classify(e, "https://static.shop.example/app.js");
  CHECK(own.category == Category::necessary);
  CHECK_FALSE(own.third_party);
  Classification third_cookie = cookie(e, "uid", ".nobody-knows-this.example");
  CHECK(third_cookie.category == Category::unknown);
  CHECK(third_cookie.third_party);
}

TEST_CASE("acceptance: necessary-only blocks analytics, social and marketing, unknown third parties as chosen") {
  Engine e = default_engine();
  Policy p = Policy::necessary_only();
  auto decide = [&](std::string_view url) {
    auto d = e.decide(Request{url, kShop, "", ResourceType::script}, p);
    REQUIRE(d.ok());
    return *d;
  };
  CHECK(decide("https://www.google.com/recaptcha/api.js").action == Action::allow);
  CHECK(decide("https://www.google-analytics.com/analytics.js").action == Action::block);
  CHECK(decide("https://www.google-analytics.com/analytics.js").classification.category == Category::analytics);
  CHECK(decide("https://www.google.com/pagead/1p-user-list/1/").action == Action::block);
  CHECK(decide("https://cdn.nobody-knows-this.example/lib.js").action == Action::allow);
  CHECK(decide("https://static.shop.example/app.js").action == Action::allow);
  p.set_unknown_third_party(Action::block);
  CHECK(decide("https://cdn.nobody-knows-this.example/lib.js").action == Action::block);
  CHECK(decide("https://cdn.nobody-knows-this.example/lib.js").classification.category == Category::unknown);
  CHECK(decide("https://static.shop.example/app.js").action == Action::allow);
  CHECK(decide("https://www.google.com/recaptcha/api.js").action == Action::allow);
  auto cookie_decision = e.decide(CookieWrite{"_ga", ".shop.example", kShop, CookieSource::script, ""}, p);
  REQUIRE(cookie_decision.ok());
  CHECK(cookie_decision->action == Action::block);
  auto session = e.decide(CookieWrite{"PHPSESSID", "www.shop.example", kShop, CookieSource::http, ""}, p);
  REQUIRE(session.ok());
  CHECK(session->action == Action::allow);
  bool saw_social = false;
  for (const auto& rule : e.host_rules()) {
    if (rule.category != Category::social || !rule.path_prefix.empty()) continue;
    std::string url = "https://" + std::string(rule.host) + "/widget.js";
    auto d = decide(url);
    CHECK(d.classification.category == Category::social);
    CHECK(d.action == Action::block);
    saw_social = true;
    break;
  }
  CHECK(saw_social);
}

TEST_CASE("acceptance: a per-site override allows analytics on that site only") {
  Engine e = default_engine();
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::analytics, Action::allow);
  Request on_shop{"https://www.google-analytics.com/analytics.js", kShop, "", ResourceType::script};
  Request elsewhere{"https://www.google-analytics.com/analytics.js", "https://news.example/", "", ResourceType::script};
  CHECK(e.decide(on_shop, p)->action == Action::allow);
  CHECK(e.decide(elsewhere, p)->action == Action::block);
  CookieWrite ga{"_ga", ".shop.example", kShop, CookieSource::script, ""};
  CHECK(e.decide(ga, p)->action == Action::allow);
}

TEST_CASE("acceptance: hosts under private-section public suffixes are separate sites") {
  Engine e = default_engine();
  CHECK(e.site_of("alice.github.io") == "alice.github.io");
  Classification c = classify(e, "https://alice.github.io/lib.js", "https://bob.github.io/");
  CHECK(c.third_party);
  CHECK(c.category == Category::unknown);
  Classification same = classify(e, "https://alice.github.io/lib.js", "https://alice.github.io/page");
  CHECK_FALSE(same.third_party);
  CHECK(same.category == Category::necessary);
  CHECK(cookie(e, "x", "alice.github.io", "https://bob.github.io/").third_party);
}

TEST_CASE("vendor host rules: longest host first, then longest path prefix") {
  EngineBuilder b;
  VendorDatabase db;
  db.vendors.push_back(vendor("broad", Category::marketing, {{"example.com", ""}}));
  db.vendors.push_back(vendor("cdn", Category::functional, {{"cdn.example.com", ""}}));
  db.vendors.push_back(vendor("cdn-stats", Category::analytics, {{"cdn.example.com", "/stats/"}, {"cdn.example.com", "/stats/deep/"}}));
  db.vendors.push_back(vendor("deep", Category::social, {{"cdn.example.com", "/stats/deep/x"}}));
  b.add_vendors(db);
  auto buffer = build(b);
  Engine e = *Engine::load(buffer);
  CHECK(classify(e, "https://www.example.com/a").vendor == "Vendor broad");
  CHECK(classify(e, "https://img.cdn.example.com/a").vendor == "Vendor cdn");
  CHECK(classify(e, "https://cdn.example.com/stats/a").vendor == "Vendor cdn-stats");
  CHECK(e.rule_text(classify(e, "https://cdn.example.com/stats/deep/").rule) == "cdn.example.com/stats/deep/");
  CHECK(classify(e, "https://cdn.example.com/stats/deep/x?y").vendor == "Vendor deep");
  CHECK(classify(e, "https://cdn.example.com/Stats/a").vendor == "Vendor cdn");  // paths are case-sensitive
  CHECK(classify(e, "https://cdn.example.com/x?/stats/").vendor == "Vendor cdn");
}

TEST_CASE("a vendor host rule on a public suffix covers the sites under it only through its path") {
  EngineBuilder b;
  VendorDatabase db;
  db.vendors.push_back(vendor("hosting", Category::necessary, {{"web.app", ""}, {"firebaseapp.com", "/__/"}}));
  db.vendors.push_back(vendor("ads", Category::marketing, {{"ads.example", ""}}));
  b.add_vendors(db);
  auto buffer = build(b);
  Engine e = *Engine::load(buffer);
  constexpr std::string_view kNews = "https://www.news.example/";
  // tracker.web.app and proj.firebaseapp.com are sites of their own, not the hosting company's.
  CHECK(classify(e, "https://tracker.web.app/t.js", kNews).category == Category::unknown);
  CHECK(classify(e, "https://proj.firebaseapp.com/track.js", kNews).category == Category::unknown);
  CHECK(classify(e, "https://web.app/sdk.js", kNews).vendor == "Vendor hosting");
  Classification reserved = classify(e, "https://proj.firebaseapp.com/__/auth/handler", kNews);
  CHECK(reserved.vendor == "Vendor hosting");
  CHECK(e.rule_text(reserved.rule) == "firebaseapp.com/__/");
  // An ordinary host rule still covers its subdomains.
  CHECK(classify(e, "https://cdn.x.ads.example/a.js", kNews).vendor == "Vendor ads");
  // The same for the script that wrote a cookie and for a stored cookie's domain.
  auto written = e.classify(CookieWrite{"id", "www.news.example", kNews, CookieSource::script, "https://tracker.web.app/t.js"});
  REQUIRE(written.ok());
  CHECK(written->vendor.empty());
  auto kept = e.classify(StoredCookie{"id", ".tracker.web.app", "/", ""});
  REQUIRE(kept.ok());
  CHECK(kept->vendor.empty());
  auto reserved_cookie = e.classify(StoredCookie{"id", "proj.firebaseapp.com", "/__/auth", ""});
  REQUIRE(reserved_cookie.ok());
  CHECK(reserved_cookie->vendor == "Vendor hosting");
}

TEST_CASE("acceptance: a site hosted under web.app or firebaseapp.com is not Firebase, its reserved /__/ paths are") {
  Engine e = default_engine();
  constexpr std::string_view kNews = "https://www.news.example/";
  CHECK(classify(e, "https://evil-tracker.web.app/collect.js", kNews).category == Category::unknown);
  CHECK(classify(e, "https://evil-tracker.firebaseapp.com/collect.js", kNews).category == Category::unknown);
  CHECK(classify(e, "https://proj.web.app/__/firebase/init.js", kNews).vendor == "Firebase (Auth, Firestore, Hosting, App Check)");
  CHECK(classify(e, "https://proj.firebaseapp.com/__/auth/iframe", kNews, ResourceType::sub_frame).category == Category::necessary);
}

TEST_CASE("a '*' segment of a vendor path stands for exactly one non-empty path segment") {
  EngineBuilder b;
  VendorDatabase db;
  db.vendors.push_back(vendor("sdk", Category::social, {{"cdn.example", ""}}));
  db.vendors.push_back(vendor("pixel", Category::marketing, {{"cdn.example", "/*/pixel.js"}, {"cdn.example", "/lib/*/stats"}}));
  b.add_vendors(db);
  auto buffer = build(b);
  Engine e = *Engine::load(buffer);
  auto owner = [&](std::string_view url) { return classify(e, url).vendor; };
  CHECK(owner("https://cdn.example/en_US/pixel.js") == "Vendor pixel");
  CHECK(owner("https://cdn.example/x/pixel.js?v=2") == "Vendor pixel");
  CHECK(owner("https://cdn.example/lib/1.2.3/stats-compat.js") == "Vendor pixel");
  CHECK(owner("https://cdn.example//pixel.js") == "Vendor sdk");      // empty segment
  CHECK(owner("https://cdn.example/a/b/pixel.js") == "Vendor sdk");   // two segments
  CHECK(owner("https://cdn.example/en_US/sdk.js") == "Vendor sdk");
  CHECK(owner("https://cdn.example/lib/1.2.3/auth.js") == "Vendor sdk");
  CHECK(owner("https://cdn.example/lib/?x/stats") == "Vendor sdk");   // the query is no segment
  CHECK(e.rule_text(classify(e, "https://cdn.example/en_US/pixel.js").rule) == "cdn.example/*/pixel.js");
}

TEST_CASE("acceptance: the Meta Pixel in any locale and Firebase's measurement modules are told apart by path") {
  Engine e = default_engine();
  CHECK(classify(e, "https://connect.facebook.net/nl_NL/fbevents.js").category == Category::marketing);
  CHECK(classify(e, "https://connect.facebook.net/nl_NL/sdk.js").category == Category::social);
  CHECK(classify(e, "https://www.gstatic.com/firebasejs/10.12.2/firebase-analytics.js").category == Category::marketing);
  CHECK(classify(e, "https://www.gstatic.com/firebasejs/10.12.2/firebase-auth.js").category == Category::necessary);
}

TEST_CASE("acceptance: refusing Functional refuses chat widgets and embedded players, scripts and cookies") {
  Engine e = default_engine();
  Policy no_functional = Policy::allow_all();
  no_functional.set_default(Category::functional, Action::block);
  auto request = [&](std::string_view url, ResourceType type = ResourceType::script) {
    auto d = e.decide(Request{url, kShop, "", type}, no_functional);
    REQUIRE_MESSAGE(d.ok(), d.detail());
    return *d;
  };
  for (std::string_view url : {"https://www.youtube.com/iframe_api", "https://www.youtube-nocookie.com/embed/abc",
                               "https://player.vimeo.com/api/player.js", "https://fast.wistia.com/assets/external/E-v1.js",
                               "https://static.zdassets.com/ekr/snippet.js?key=1", "https://embed.tawk.to/1/default",
                               "https://widget.intercom.io/widget/abc", "https://cdn.livechatinc.com/tracking.js",
                               "https://client.crisp.chat/l.js", "https://js.driftt.com/include/1/abc.js"}) {
    CAPTURE(url);
    Decision d = request(url);
    CHECK(d.classification.category == Category::functional);
    CHECK(d.action == Action::block);
  }
  // YouTube's ad requests are marketing, its player functional.
  CHECK(request("https://www.youtube.com/pagead/viewthroughconversion/1/", ResourceType::image).classification.category ==
        Category::marketing);
  CHECK(request("https://www.youtube.com/api/stats/ads?ver=2", ResourceType::image).classification.category == Category::marketing);
  // Their cookies: on their domains whatever the name, and the first-party ones their tags set.
  for (auto [name, domain] : {std::pair{"YSC", ".youtube.com"}, {"PREF", ".youtube.com"}, {"VISITOR_INFO1_LIVE", ".youtube.com"},
                              {"vuid", ".vimeo.com"}, {"Player", ".vimeo.com"}, {"__zlcmid", ".shop.example"},
                              {"intercom-session-abc", ".shop.example"}, {"__lc_cid", ".livechatinc.com"},
                              {"TawkConnectionTime", ".shop.example"}, {"twk_idm_key", ".tawk.to"}}) {
    CAPTURE(name);
    auto d = e.decide(StoredCookie{name, domain, "/", ""}, no_functional);
    REQUIRE(d.ok());
    CHECK(d->classification.category == Category::functional);
    CHECK(d->action == Action::block);
  }
  // Allowing Functional lets them work; necessary cookies are never refused.
  auto allowed = e.decide(Request{"https://www.youtube.com/embed/abc", kShop, "", ResourceType::sub_frame}, Policy::allow_all());
  REQUIRE(allowed.ok());
  CHECK(allowed->action == Action::allow);
  CHECK(e.decide(StoredCookie{"PHPSESSID", "www.shop.example", "/", ""}, no_functional)->action == Action::allow);
  CHECK(e.decide(StoredCookie{"_help_center_session", "support.shop.example", "/", ""}, no_functional)->action == Action::allow);
}

TEST_CASE("an explicit vendor rule wins over a list rule, a list rule over the default") {
  EngineBuilder b;
  VendorDatabase db;
  db.vendors.push_back(vendor("rc", Category::necessary, {{"www.google.com", "/recaptcha/"}}));
  b.add_vendors(db);
  b.add_filter_list("el", "||google.com^$third-party\n", Category::marketing);
  auto buffer = build(b);
  Engine e = *Engine::load(buffer);
  CHECK(classify(e, "https://www.google.com/recaptcha/api.js").category == Category::necessary);
  Classification list = classify(e, "https://www.google.com/maps/x.js");
  CHECK(list.category == Category::marketing);
  CHECK(e.rule_text(list.rule) == "||google.com^$third-party");
  CHECK(list.vendor.empty());
}

TEST_CASE("cookie rules: exact over prefix, longer prefix, matching domain, curated over imported") {
  EngineBuilder b;
  VendorDatabase curated;
  curated.vendors.push_back(vendor("short-prefix", Category::functional, {}, {{"_x", true, ""}}));
  curated.vendors.push_back(vendor("long-prefix", Category::analytics, {}, {{"_x_ab", true, ""}}));
  curated.vendors.push_back(vendor("exact", Category::marketing, {}, {{"_x_abc", false, ""}}));
  curated.vendors.push_back(vendor("generic", Category::necessary, {}, {{"sid", false, ""}}));
  curated.vendors.push_back(vendor("tracker-sid", Category::marketing, {}, {{"sid", false, "tracker.test"}}));
  curated.vendors.push_back(vendor("script-vendor", Category::social, {{"widgets.social.test", ""}}));
  VendorDatabase imported;
  imported.vendors.push_back(vendor("ocd", Category::marketing, {}, {{"_x_abc", false, ""}, {"lang", false, ""}}));
  b.add_imported_vendors(imported);
  b.add_vendors(curated);
  auto buffer = build(b);
  Engine e = *Engine::load(buffer);
  CHECK(cookie(e, "_x_abc").vendor == "Vendor exact");
  CHECK(cookie(e, "_x_abd").vendor == "Vendor long-prefix");
  CHECK(cookie(e, "_x_zz").vendor == "Vendor short-prefix");
  CHECK(e.rule_text(cookie(e, "_X_abc").rule) == "first-party");  // names are case-sensitive
  CHECK(cookie(e, "sid").vendor == "Vendor generic");
  CHECK(cookie(e, "sid", ".a.tracker.test").vendor == "Vendor tracker-sid");
  CHECK(cookie(e, "sid", "nottracker.test").vendor == "Vendor generic");
  CHECK(cookie(e, "lang").vendor == "Vendor ocd");
  CHECK(e.rule_text(cookie(e, "lang").rule) == "cookie lang");
  auto by_script = e.classify(CookieWrite{"zz", "www.shop.example", kShop, CookieSource::script,
                                          "https://widgets.social.test/sdk.js"});
  REQUIRE(by_script.ok());
  CHECK(by_script->category == Category::social);
  CHECK(by_script->vendor == "Vendor script-vendor");
  auto by_http = e.classify(CookieWrite{"zz", "www.shop.example", kShop, CookieSource::http,
                                        "https://widgets.social.test/sdk.js"});
  CHECK(by_http->category == Category::necessary);
}

TEST_CASE("bad input gives error values") {
  Engine e = default_engine();
  CHECK(e.classify(Request{"not a url", kShop, "", ResourceType::script}).status() == Status::invalid_url);
  CHECK(e.classify(Request{"https://a.test/", "about:blank", "", ResourceType::script}).status() == Status::invalid_url);
  CHECK(e.classify(CookieWrite{"a", "bad host!", kShop, CookieSource::http, ""}).status() == Status::invalid_host);
  CHECK(e.classify(CookieWrite{"a", "shop.example", "", CookieSource::http, ""}).status() == Status::invalid_url);
  // A frame with no host of its own (about:blank) inherits the top-level page.
  auto c = e.classify(Request{"https://static.shop.example/a.js", kShop, "about:blank", ResourceType::script});
  REQUIRE(c.ok());
  CHECK(c->category == Category::necessary);
  EngineBuilder b;
  VendorDatabase db;
  db.vendors.push_back(vendor("bad", Category::marketing, {{"not a host", ""}}));
  b.add_vendors(db);
  CHECK(b.build().status() == Status::invalid_rule);
}

TEST_CASE("round trip: build, load, stats and decisions equal, exact size") {
  const std::vector<std::uint8_t> buffer = small_buffer();
  auto engine = Engine::load(buffer);
  REQUIRE(engine.ok());
  EngineStats stats = engine->stats();
  CHECK(stats.buffer_bytes == buffer.size());
  CHECK(buffer.capacity() == buffer.size());  // allocated once at its exact size
  CHECK(stats.vendors == 2);
  CHECK(stats.host_rules == 2);
  CHECK(stats.cookie_rules == 2);
  CHECK(stats.filter_rules == 4);
  CHECK(stats.psl_rules > 9000);
  CHECK(verify_snapshot(buffer) == Status::ok);

  std::vector<std::uint8_t> copy = buffer;  // a buffer moved elsewhere (file, WASM memory)
  auto again = Engine::load(copy);
  REQUIRE(again.ok());
  CHECK(again->stats().buffer_bytes == stats.buffer_bytes);
  CHECK(again->stats().filter_rules == stats.filter_rules);
  auto same_build = small_buffer();
  CHECK(same_build == buffer);  // deterministic
  const char* urls[] = {"https://ads.test/x", "https://ads.test/ok", "https://i.test/banner/a.gif", "https://i.test/x12/",
                        "https://www.google-analytics.com/c", "https://www.google.com/recaptcha/x"};
  for (const char* url : urls) {
    Request r{url, "https://www.shop.example/", "", ResourceType::image};
    auto a = engine->classify(r);
    auto b = again->classify(r);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CAPTURE(url);
    CHECK(a->category == b->category);
    CHECK(engine->rule_text(a->rule) == again->rule_text(b->rule));
    CHECK(a->vendor == b->vendor);
  }
  CHECK(engine->rule_text(classify(*engine, "https://ads.test/x").rule) == "||ads.test^$third-party");
  CHECK(engine->rule_text(classify(*engine, "https://ads.test/ok").rule) == "@@||ads.test/ok^");
  CHECK(engine->rule_text(classify(*engine, "https://i.test/banner/a.gif").rule) == "/banner/*.gif$domain=shop.example");
  CHECK(engine->rule_text(classify(*engine, "https://i.test/x12/").rule) == "/\\/x[0-9]+\\//");
}

TEST_CASE("a wrong version is a version mismatch, a wrong magic or size is corrupt") {
  std::vector<std::uint8_t> buffer = small_buffer();
  std::uint32_t version = kSnapshotVersion + 1;
  std::memcpy(buffer.data() + 4, &version, 4);
  CHECK(Engine::load(buffer).status() == Status::version_mismatch);
  CHECK(verify_snapshot(buffer) == Status::version_mismatch);
  buffer = small_buffer();
  buffer[0] ^= 0xFF;
  CHECK(Engine::load(buffer).status() == Status::corrupt_buffer);
  buffer = small_buffer();
  buffer.push_back(0);
  CHECK(Engine::load(buffer).status() == Status::corrupt_buffer);
  CHECK(Engine::load({}).status() == Status::corrupt_buffer);
}

TEST_CASE("every truncation of a buffer is rejected") {
  const std::vector<std::uint8_t> buffer = small_buffer();
  for (std::size_t n = 0; n < buffer.size(); ++n) {
    std::span<const std::uint8_t> cut(buffer.data(), n);
    CHECK(Engine::load(cut).status() == Status::corrupt_buffer);
    CHECK(verify_snapshot(cut) != Status::ok);
  }
}

TEST_CASE("random byte flips are caught by verify and never make deciding unsafe") {
  const std::vector<std::uint8_t> original = small_buffer();
  std::mt19937 rng(20261129);
  std::size_t loaded = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::uint8_t> buffer = original;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) buffer[rng() % buffer.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
    if (buffer == original) continue;
    CHECK(verify_snapshot(buffer) != Status::ok);
    auto e = Engine::load(buffer);
    if (!e.ok()) continue;
    ++loaded;
    // Whatever the flipped bytes say, deciding stays within the buffer (ASan/UBSan builds check).
    for (const char* url : {"https://ads.test/x", "https://i.test/banner/a.gif", "https://www.google-analytics.com/",
                            "https://i.test/x12/", "https://www.google.com/recaptcha/a"}) {
      auto c = e->classify(Request{url, "https://www.shop.example/", "", ResourceType::image});
      CHECK(c.ok());
    }
    CHECK(e->classify(CookieWrite{"_ga_x", "shop.example", "https://shop.example/", CookieSource::http, ""}).ok());
    (void)e->host_rules();
  }
  MESSAGE(loaded, " of 3000 corrupted buffers passed the structural checks and were decided safely");
  CHECK(loaded > 0);
}

TEST_CASE("deciding with a reused context does not allocate once its buffers have grown") {
  EngineBuilder b;
  VendorDatabase db;
  db.vendors.push_back(vendor("ga", Category::analytics, {{"google-analytics.com", ""}}, {{"_ga", false, ""}, {"_ga_", true, ""}}));
  b.add_vendors(db);
  b.add_filter_list("l", "||ads.test^$third-party\n/banner/*.gif$domain=shop.example|google.*\n@@||ads.test/ok^\n"
                         "/\\/x[0-9]+\\//\n-728x90.\n",
                    Category::marketing);
  auto buffer = build(b);
  Engine e = *Engine::load(buffer);
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::marketing, Action::allow);
  const Request requests[] = {
      {"https://ads.test/x?utm=1&a=b", "https://www.shop.example/", "", ResourceType::image},
      {"https://ads.test/ok", "https://www.shop.example/", "https://frame.example/", ResourceType::script},
      {"https://i.test/banner/a.gif", "https://www.google.co.uk/search?q=x", "", ResourceType::image},
      {"https://i.test/x12/AOD-728x90.js", "https://news.example/a/b", "", ResourceType::script},
      {"https://www.google-analytics.com/collect?v=1", "https://www.shop.example/", "", ResourceType::ping},
  };
  const CookieWrite cookies[] = {{"_ga_XY", ".shop.example", "https://www.shop.example/", CookieSource::script, ""},
                                 {"sid", "tracker.test", "https://news.example/", CookieSource::script,
                                  "https://www.google-analytics.com/analytics.js"}};
  const StoredCookie jar[] = {{"_ga", ".shop.example", "/", ""},
                               {"uid", "www.google-analytics.com", "/collect", "(https,news.example,8443)"},
                               {"w", ".widget.example", "", "https://www.shop.example"}};
  DecisionContext context;
  for (int warm = 0; warm < 2; ++warm) {
    for (const auto& r : requests) REQUIRE(e.decide(r, p, context).ok());
    for (const auto& c : cookies) REQUIRE(e.decide(c, p, context).ok());
    for (const auto& c : jar) REQUIRE(e.decide(c, p, context).ok());
  }
  g_allocations = 0;
  g_count_allocations = true;
  for (int round = 0; round < 3; ++round) {
    for (const auto& r : requests) (void)e.decide(r, p, context);
    for (const auto& c : cookies) (void)e.decide(c, p, context);
    for (const auto& c : jar) (void)e.decide(c, p, context);
  }
  g_count_allocations = false;
  CHECK(g_allocations.load() == 0);
  // The counter itself works: an error result carries an allocated message.
  g_count_allocations = true;
  (void)e.decide(Request{"not a url", "https://www.shop.example/", "", ResourceType::image}, p, context);
  g_count_allocations = false;
  CHECK(g_allocations.load() > 0);
}

TEST_CASE("pinned patterns: the bytes around the token and the rest of the pattern both decide") {
  EngineBuilder b;
  b.add_filter_list("list", "/banner/ads-\n-sidebar_banner.\n@@/banner/ads-ok\n", Category::marketing);
  auto buffer = build(b);
  auto e = Engine::load(buffer);
  REQUIRE(e.ok());
  auto url = [&](std::string_view u) { return classify(*e, u, "https://www.other.example/"); };
  CHECK(url("https://cdn.example/banner/ads-1.png").category == Category::marketing);
  CHECK(url("https://cdn.example/banner-ads-1.png").category == Category::unknown);   // byte before "ads"
  CHECK(url("https://cdn.example/banner/ads_1.png").category == Category::unknown);   // byte after "ads"
  CHECK(url("https://cdn.example/banner/adsx-1.png").category == Category::unknown);  // not the whole token
  CHECK(url("https://cdn.example/x/banner/ads-ok.png").category == Category::necessary);
  CHECK(url("https://cdn.example/x-sidebar_banner.jpg").category == Category::marketing);
  CHECK(url("https://cdn.example/x-sidebar_banners.jpg").category == Category::unknown);
}

TEST_CASE("patterns with no whole token are indexed under a token suffix, not tried on every request") {
  EngineBuilder b;
  b.add_filter_list("list",
                    "%2Fevent.gif%3F\n%2Frw%2Fbeacon_\n=aWQ9R1RNL*apiKey=$script\n@@%2Fevent.gif%3F*ok=\n"
                    "TrackerPixel_$match-case\n$ping,third-party\n",
                    Category::analytics);
  auto buffer = build(b);
  auto e = Engine::load(buffer);
  REQUIRE(e.ok());
  // Only the option-only rule has nothing to be indexed under.
  CHECK(e->stats().unindexed_rules == 1);
  auto url = [&](std::string_view u, ResourceType type = ResourceType::image) {
    return classify(*e, u, "https://www.other.example/", type);
  };
  // The URL token that ends in the suffix may start anywhere before it, in any case.
  CHECK(e->rule_text(url("https://t.example/r?u=https%3A%2F%2Fx.example%2Fevent.gif%3Fa=1").rule) == "%2Fevent.gif%3F");
  CHECK(e->rule_text(url("https://t.example/r?u=X%2FEVENT.GIF%3Fa=1").rule) == "%2Fevent.gif%3F");
  CHECK(e->rule_text(url("https://t.example/a%2Frw%2Fbeacon_1").rule) == "%2Frw%2Fbeacon_");
  CHECK(url("https://t.example/a?k=aWQ9R1RNLxyz&apiKey=1", ResourceType::script).category == Category::analytics);
  CHECK(e->rule_text(url("https://t.example/a/xTrackerPixel_1.gif").rule) == "TrackerPixel_$match-case");
  // What comes after the suffix, the rest of the pattern and the options still decide.
  CHECK(url("https://t.example/r?u=%2Fevent.gifs%3F").category == Category::unknown);
  CHECK(url("https://t.example/r?u=%2Fevent.gif%3E").category == Category::unknown);
  CHECK(url("https://t.example/a%2Frw%2Fbeacon-1").category == Category::unknown);
  CHECK(url("https://t.example/a%2Frw%2Fbeacons_1").category == Category::unknown);
  CHECK(url("https://t.example/a?k=aWQ9R1RNLxyz&apiKey=1").category == Category::unknown);
  CHECK(url("https://t.example/a/xtrackerpixel_1.gif").category == Category::unknown);
  // Exceptions are found the same way.
  CHECK(url("https://t.example/r?u=%2Fevent.gif%3Fa=1&ok=1").category == Category::necessary);
}

TEST_CASE("host_rules() lists vendor and plain-host list rules") {
  const std::vector<std::uint8_t> buffer = small_buffer();
  Engine e = *Engine::load(buffer);
  auto rules = e.host_rules();
  REQUIRE(rules.size() == 3);
  bool saw_recaptcha = false, saw_list = false;
  for (const auto& r : rules) {
    if (r.host == "www.google.com") {
      saw_recaptcha = r.path_prefix == "/recaptcha/" && r.vendor == "Vendor rc" && r.category == Category::necessary;
    }
    if (r.host == "ads.test") saw_list = (r.flags & kFilterThirdParty) && r.vendor.empty() && r.category == Category::marketing;
  }
  CHECK(saw_recaptcha);
  CHECK(saw_list);
}

TEST_CASE("EasyList + EasyPrivacy on the real request set") {
  auto requests_file = warden::test::corpus_file("requests.jsonl");
  if (!requests_file) return;
  const std::string lists = std::string(WARDEN_SOURCE_DIR) + "/engine/rules/lists/";
  std::string easylist = read_file(lists + "easylist.txt"), easyprivacy = read_file(lists + "easyprivacy.txt");
  std::string requests = read_file(*requests_file);
  REQUIRE(!easylist.empty());
  REQUIRE(!easyprivacy.empty());
  REQUIRE(!requests.empty());
  EngineBuilder b;
  b.add_filter_list("easylist", easylist, Category::marketing);
  b.add_filter_list("easyprivacy", easyprivacy, Category::analytics);
  auto buffer = build(b);
  Engine e = *Engine::load(buffer);
  CHECK(verify_snapshot(buffer) == Status::ok);
  // Tried on every request: `$ping,third-party` and `=aWQ9R1RNL*page=$script,~third-party` (its
  // one token suffix is 4 bytes), both rejected by type or party before any text is compared.
  CHECK(e.stats().unindexed_rules == 2);
  Policy p = Policy::allow_all();
  p.set_default(Category::analytics, Action::block);
  p.set_default(Category::marketing, Action::block);

  struct Expectation {
    std::string_view url_part;
    std::string_view rule;
  };
  // Requests of the set and the rule uBO and Ghostery report for them: a host rule, a redirect
  // rule loaded as a block, a wildcard pattern, an exception, an option-only rule.
  const Expectation expected[] = {
      {"https://static.chartbeat.com/js/chartbeat_mab.js", "||static.chartbeat.com/js/chartbeat_mab.js$redirect=chartbeat.js,script"},
      {"/pagead/1p-user-list/", "/pagead/1p-user-list/*$image"},
      {"https://tpc.googlesyndication.com/pagead/js/", "@@||tpc.googlesyndication.com/pagead/js/$domain=googleads.g.doubleclick.net"},
  };
  std::vector<bool> seen(std::size(expected), false);
  std::size_t usable = 0, blocked = 0, third_party_blocked = 0;
  std::istringstream lines(requests);
  std::string line;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    std::string url = j.value("url", ""), frame = j.value("frameUrl", ""), cpt = j.value("cpt", "");
    auto web = [](const std::string& u) { return u.rfind("http:", 0) == 0 || u.rfind("https:", 0) == 0 || u.rfind("ws:", 0) == 0 || u.rfind("wss:", 0) == 0; };
    if (!web(url) || !web(frame)) continue;
    ++usable;
    auto type = parse_resource_type(cpt == "document" ? "sub_frame" : cpt).value_or(ResourceType::other);
    auto d = e.decide(Request{url, frame, frame, type}, p);
    REQUIRE_MESSAGE(d.ok(), url);
    const Classification& c = d->classification;
    if (d->action == Action::block) {
      ++blocked;
      third_party_blocked += c.third_party;
      CHECK(!c.rule.empty());
      CHECK((c.category == Category::analytics || c.category == Category::marketing));
    }
    for (std::size_t k = 0; k < std::size(expected); ++k) {
      if (url.find(expected[k].url_part) == std::string::npos) continue;
      if (expected[k].url_part == "/pagead/1p-user-list/" && type != ResourceType::image) continue;
      if (expected[k].rule.substr(0, 2) == "@@" && frame.find("googleads.g.doubleclick.net") == std::string::npos) continue;
      CAPTURE(url);
      CHECK(e.rule_text(c.rule) == expected[k].rule);
      seen[k] = true;
    }
  }
  MESSAGE("our engine blocks ", blocked, " of ", usable, " usable requests (", third_party_blocked, " third-party)");
  for (std::size_t k = 0; k < std::size(expected); ++k) CHECK_MESSAGE(seen[k], expected[k].url_part);
  CHECK(usable > 27000);
  CHECK(blocked > usable / 5);
  CHECK(blocked < usable / 2);
  CHECK(third_party_blocked > blocked / 2);
}
