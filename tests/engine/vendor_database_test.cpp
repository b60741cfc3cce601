#include "warden/vendor_database.h"

#include <doctest/doctest.h>

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>

#include "warden/default_rules.h"
#include "warden/engine.h"
#include "warden/engine_builder.h"
#include "warden/url.h"

using warden::Category;
using warden::CookieRule;
using warden::parse_vendor_database;
using warden::Status;
using warden::Vendor;
using warden::VendorDatabase;

namespace {

std::string one_vendor(std::string_view vendor_body) {
  return R"({"format": 1, "vendors": [{"id": "acme", "name": "Acme", "category": "marketing", )" +
         std::string(vendor_body) + "}]}";
}

void check_error(std::string_view json, Status status, std::initializer_list<std::string_view> detail_parts) {
  auto db = parse_vendor_database(json);
  REQUIRE_FALSE(db.ok());
  CHECK(db.status() == status);
  for (auto part : detail_parts) {
    INFO("detail: " << db.detail());
    CHECK(db.detail().find(part) != std::string::npos);
  }
}

const Vendor* find_vendor(const VendorDatabase& db, std::string_view id) {
  for (const auto& v : db.vendors)
    if (v.id == id) return &v;
  return nullptr;
}

bool cookie_rule_matches(const CookieRule& rule, std::string_view name) {
  return rule.prefix ? name.substr(0, rule.name.size()) == rule.name : name == rule.name;
}

bool vendor_names_cookie(const Vendor& v, std::string_view name) {
  for (const auto& rule : v.cookies)
    if (cookie_rule_matches(rule, name)) return true;
  return false;
}

bool host_within(std::string_view host, std::string_view rule_host) {
  if (host == rule_host) return true;
  return host.size() > rule_host.size() && host.substr(host.size() - rule_host.size()) == rule_host &&
         host[host.size() - rule_host.size() - 1] == '.';
}

// The vendor the engine gives a request with only this database loaded: the precedence
// engine/rules/README.md promises (longest host, then longest path prefix), applied to the data.
std::string owner_of(const VendorDatabase& db, std::string_view url) {
  warden::EngineBuilder builder;
  builder.add_vendors(db);
  auto buffer = builder.build();
  REQUIRE_MESSAGE(buffer.ok(), buffer.detail());
  auto engine = warden::Engine::load(*buffer);
  REQUIRE(engine.ok());
  auto c = engine->classify(warden::Request{url, "https://unrelated.example/", "", warden::ResourceType::script});
  REQUIRE_MESSAGE(c.ok(), c.detail());
  for (const auto& v : db.vendors)
    if (v.name == c->vendor) return v.id;
  return {};
}

// The owner of a cookie as engine/rules/README.md ranks rules: exact over prefix, then the longer
// name, then domain-bound over name-only.
std::string owner_of_cookie(const VendorDatabase& db, std::string_view name, std::string_view domain = {}) {
  std::string owner;
  std::size_t best = 0;
  for (const auto& v : db.vendors) {
    for (const auto& rule : v.cookies) {
      if (!cookie_rule_matches(rule, name)) continue;
      if (!rule.domain.empty() && !host_within(domain, rule.domain)) continue;
      std::size_t score = (rule.prefix ? 0 : 1u << 20) + rule.name.size() * 2 + (rule.domain.empty() ? 0 : 1);
      if (score > best) {
        best = score;
        owner = v.id;
      }
    }
  }
  return owner;
}

VendorDatabase load_default() {
  auto db = parse_vendor_database(warden::default_vendor_database_json());
  INFO("detail: " << db.detail());
  REQUIRE(db.ok());
  return db.value();
}

}  // namespace

TEST_CASE("parse_vendor_database reads every field and normalises hosts and cookie domains") {
  auto db = parse_vendor_database(one_vendor(R"(
    "hosts": [{"host": "WWW.Example.COM."}, {"host": "www.example.com", "path": "/pagead/"}],
    "cookies": [{"name": "_ac_", "prefix": true}, {"name": "ac_id", "domain": ".Example.com"}],
    "source": "docs")"));
  REQUIRE(db.ok());
  REQUIRE(db->vendors.size() == 1);
  const Vendor& v = db->vendors[0];
  CHECK(v.id == "acme");
  CHECK(v.name == "Acme");
  CHECK(v.category == Category::marketing);
  REQUIRE(v.hosts.size() == 2);
  CHECK(v.hosts[0].host == "www.example.com");
  CHECK(v.hosts[0].path_prefix.empty());
  CHECK(v.hosts[1].path_prefix == "/pagead/");
  REQUIRE(v.cookies.size() == 2);
  CHECK(v.cookies[0].prefix);
  CHECK(v.cookies[0].domain.empty());
  CHECK_FALSE(v.cookies[1].prefix);
  CHECK(v.cookies[1].domain == "example.com");
  CHECK(v.source == "docs");
}

TEST_CASE("parse_vendor_database accepts 'social media' as the social category") {
  auto db = parse_vendor_database(
      R"({"format": 1, "vendors": [{"id": "s", "name": "S", "category": "social media", "hosts": [{"host": "s.example"}]}]})");
  REQUIRE(db.ok());
  CHECK(db->vendors[0].category == Category::social);
}

TEST_CASE("parse_vendor_database rejects malformed documents") {
  check_error("", Status::invalid_json, {"not valid JSON"});
  check_error(R"({"format": 1, "vendors": [)", Status::invalid_json, {"not valid JSON"});
  check_error("[]", Status::invalid_json, {"JSON object"});
  check_error(R"({"vendors": []})", Status::invalid_json, {"format"});
  check_error(R"({"format": 2, "vendors": []})", Status::invalid_json, {"format"});
  check_error(R"({"format": "1", "vendors": []})", Status::invalid_json, {"format"});
  check_error(R"({"format": 1})", Status::invalid_json, {"vendors"});
  check_error(R"({"format": 1, "vendors": {}})", Status::invalid_json, {"vendors"});
  check_error(R"({"format": 1, "vendors": [], "extra": 1})", Status::invalid_json, {"extra"});
  check_error(R"({"format": 1, "vendors": [42]})", Status::invalid_json, {"vendors[0]"});
}

TEST_CASE("parse_vendor_database names the vendor and the field of a shape error") {
  check_error(R"({"format": 1, "vendors": [{"name": "X", "category": "necessary"}]})", Status::invalid_json,
              {"vendors[0]", "'id'"});
  check_error(R"({"format": 1, "vendors": [{"id": "", "name": "X", "category": "necessary"}]})",
              Status::invalid_json, {"vendors[0]", "'id'"});
  check_error(R"({"format": 1, "vendors": [{"id": 7, "name": "X", "category": "necessary"}]})",
              Status::invalid_json, {"vendors[0]", "'id'"});
  check_error(R"({"format": 1, "vendors": [{"id": "acme", "category": "necessary"}]})", Status::invalid_json,
              {"'acme'", "'name'"});
  check_error(one_vendor(R"("hosts": [{"host": "a.example"}], "colour": "red")"), Status::invalid_json,
              {"'acme'", "'colour'"});
  check_error(one_vendor(R"("hosts": {"host": "a.example"})"), Status::invalid_json, {"'acme'", "'hosts'"});
  check_error(one_vendor(R"("hosts": ["a.example"])"), Status::invalid_json, {"'acme'", "hosts[0]"});
  check_error(one_vendor(R"("hosts": [{"path": "/x"}])"), Status::invalid_json, {"'acme'", "hosts[0]", "'host'"});
  check_error(one_vendor(R"("hosts": [{"host": "a.example", "pth": "/x"}])"), Status::invalid_json,
              {"'acme'", "hosts[0]", "'pth'"});
  check_error(one_vendor(R"("cookies": [{"name": "x", "prefix": "yes"}])"), Status::invalid_json,
              {"'acme'", "cookies[0].prefix"});
  check_error(one_vendor(R"("cookies": [{"name": "x", "domain": 3}])"), Status::invalid_json,
              {"'acme'", "cookies[0]", "'domain'"});
  check_error(one_vendor(R"("source": ["a"])"), Status::invalid_json, {"'acme'", "'source'"});
}

TEST_CASE("parse_vendor_database validates categories, hosts, paths and cookie names") {
  check_error(R"({"format": 1, "vendors": [{"id": "a", "name": "A", "category": "advertising"}]})",
              Status::invalid_json, {"'a'", "category", "'advertising'"});
  check_error(R"({"format": 1, "vendors": [{"id": "a", "name": "A", "category": "unknown"}]})",
              Status::invalid_json, {"'a'", "category"});
  check_error(one_vendor(R"("hosts": [{"host": "bad host.example"}])"), Status::invalid_json,
              {"'acme'", "hosts[0].host", "'bad host.example'"});
  check_error(one_vendor(R"("hosts": [{"host": "a..example"}])"), Status::invalid_json, {"hosts[0].host"});
  check_error(one_vendor(R"("hosts": [{"host": ""}])"), Status::invalid_json, {"hosts[0].host"});
  check_error(one_vendor(R"("hosts": [{"host": "a.example", "path": "pagead/"}])"), Status::invalid_json,
              {"'acme'", "hosts[0].path", "'/'"});
  check_error(one_vendor(R"("hosts": [{"host": "a.example", "path": "/a b"}])"), Status::invalid_json,
              {"hosts[0].path"});
  check_error(one_vendor(R"("hosts": [{"host": "a.example"}, {"host": "b.example", "path": "/x#y"}])"),
              Status::invalid_json, {"hosts[1].path"});
  for (std::string_view path : {"/a*/x.js", "/*x/y.js", "/a/b?id=*", "/gtag/js?id=*/"}) {
    CAPTURE(path);
    check_error(one_vendor(R"("hosts": [{"host": "a.example", "path": ")" + std::string(path) + R"("}])"),
                Status::invalid_json, {"hosts[0].path", "'*'", "segment"});
  }
  CHECK(parse_vendor_database(one_vendor(R"("hosts": [{"host": "a.example", "path": "/*/x.js"}, {"host": "b.example", "path": "/v/*"}])")).ok());
  check_error(one_vendor(R"("cookies": [{"name": ""}])"), Status::invalid_json, {"'acme'", "cookies[0].name"});
  check_error(one_vendor(R"("cookies": [{"name": "a=b"}])"), Status::invalid_json, {"cookies[0].name"});
  check_error(one_vendor(R"("cookies": [{"name": "a;b"}])"), Status::invalid_json, {"cookies[0].name"});
  check_error(one_vendor(R"("cookies": [{"name": "ok"}, {"name": "x", "domain": "not a host"}])"),
              Status::invalid_json, {"cookies[1].domain"});
}

TEST_CASE("parse_vendor_database rejects duplicate ids and rules claimed by two vendors") {
  check_error(R"({"format": 1, "vendors": [
      {"id": "a", "name": "A", "category": "necessary"},
      {"id": "a", "name": "A again", "category": "marketing"}]})",
              Status::invalid_json, {"vendors[1]", "'a'", "twice"});
  check_error(R"({"format": 1, "vendors": [
      {"id": "a", "name": "A", "category": "necessary", "hosts": [{"host": "x.example", "path": "/p"}]},
      {"id": "b", "name": "B", "category": "marketing", "hosts": [{"host": "X.example", "path": "/p"}]}]})",
              Status::invalid_rule, {"'b'", "x.example/p", "'a'"});
  check_error(R"({"format": 1, "vendors": [
      {"id": "a", "name": "A", "category": "necessary", "cookies": [{"name": "sid", "domain": "x.example"}]},
      {"id": "b", "name": "B", "category": "marketing", "cookies": [{"name": "sid", "domain": ".x.example"}]}]})",
              Status::invalid_rule, {"'b'", "'sid'", "'a'"});
  // The same name with a different domain, or as a prefix, is a different rule.
  auto ok = parse_vendor_database(R"({"format": 1, "vendors": [
      {"id": "a", "name": "A", "category": "necessary", "cookies": [{"name": "sid", "domain": "x.example"}]},
      {"id": "b", "name": "B", "category": "marketing", "cookies": [{"name": "sid", "domain": "y.example"}, {"name": "sid", "prefix": true}]}]})");
  CHECK(ok.ok());
}

TEST_CASE("vendor_database_to_json round-trips") {
  std::string text = one_vendor(R"(
    "hosts": [{"host": "a.example"}, {"host": "b.example", "path": "/gtag/js?id=AW-"}],
    "cookies": [{"name": "_a_", "prefix": true}, {"name": "b", "domain": "b.example"}, {"name": "c"}],
    "source": "ünïcode source")");
  auto first = parse_vendor_database(text);
  REQUIRE(first.ok());
  std::string json = warden::vendor_database_to_json(*first);
  auto second = parse_vendor_database(json);
  REQUIRE(second.ok());
  CHECK(warden::vendor_database_to_json(*second) == json);
  const Vendor& v = second->vendors.at(0);
  CHECK(v.hosts.at(1).path_prefix == "/gtag/js?id=AW-");
  CHECK(v.cookies.at(0).prefix);
  CHECK(v.cookies.at(1).domain == "b.example");
  CHECK(v.source == "ünïcode source");
}

TEST_CASE("vendor_database_to_json does not throw on invalid UTF-8") {
  VendorDatabase db;
  db.vendors.push_back(Vendor{"v", "Bad \xff name", Category::analytics, {{"v.example", ""}}, {}, ""});
  std::string json = warden::vendor_database_to_json(db);
  CHECK(parse_vendor_database(json).ok());
}

TEST_CASE("the default vendor database round-trips through vendor_database_to_json") {
  VendorDatabase db = load_default();
  auto again = parse_vendor_database(warden::vendor_database_to_json(db));
  REQUIRE(again.ok());
  CHECK(again->vendors.size() == db.vendors.size());
}

namespace {

struct SeedVendor {
  std::string_view id;
  Category category;
  std::initializer_list<std::string_view> cookies;  // names the vendor must classify
};

// Every vendor the seed cookie policy names, with the category the seed gives it.
const SeedVendor kSeed[] = {
    {"looker", Category::necessary, {}},
    {"blueshift", Category::necessary, {}},
    {"turbolinks", Category::necessary, {}},
    {"firebase", Category::necessary, {"__session"}},
    {"cloudflare", Category::necessary, {"__cf_bm", "cf_clearance", "__cflb", "cf_chl_2", "cf_chl_rc_ni", "_cfuvid"}},
    {"recaptcha", Category::necessary, {"_GRECAPTCHA"}},
    {"hcaptcha", Category::necessary, {"hc_accessibility"}},
    {"adjust", Category::functional, {}},
    {"trackingio", Category::functional, {}},
    {"google-analytics", Category::analytics,
     {"_ga", "_ga_ABC123", "_gid", "_gat", "_gat_UA-1-1", "__utma", "__utmb", "__utmc", "__utmz", "__utmt", "_gac_UA-1"}},
    {"wechat-sharing", Category::social, {}},
    {"facebook-sharing", Category::social, {}},
    {"gmail-sharing", Category::social, {}},
    {"vk-sharing", Category::social, {}},
    {"instagram-sharing", Category::social, {"ig_did"}},
    {"twitter-sharing", Category::social, {}},
    {"whatsapp-sharing", Category::social, {"wa_ul"}},
    {"xiaohongshu-sharing", Category::social, {}},
    {"kakao-sharing", Category::social, {}},
    {"google-ads", Category::marketing,
     {"_gcl_au", "_gcl_aw", "_gcl_dc", "IDE", "test_cookie", "NID", "__gads", "__gpi"}},
    {"facebook-ads", Category::marketing, {"_fbp", "_fbc", "fr"}},
    {"baidu-ads", Category::marketing, {"Hm_lvt_0123abcd", "Hm_lpvt_0123abcd", "HMACCOUNT"}},
    {"zhihu-ads", Category::marketing, {}},
    {"tencent-ads", Category::marketing, {}},
    {"naver-ads", Category::marketing, {"wcs_bt"}},
    {"shareasale", Category::marketing, {"sas_m_awin"}},
    {"commission-factory", Category::marketing, {}},
    {"admitad", Category::marketing, {"admitad_uid"}},
    {"chusu", Category::marketing, {}},
    {"awin", Category::marketing, {"_aw_m_12345", "_aw_sn_12345", "AWSESS"}},
    {"webgains", Category::marketing, {"_CK_WG_"}},
    {"impact", Category::marketing, {"IR_gbd", "IR_PI", "IR_12345"}},
    {"clickpixel", Category::marketing, {}},
    {"firebase-analytics", Category::marketing, {}},
};

// Seed vendors for which no verifiable host could be found (engine/rules/README.md, "Gaps").
bool is_documented_gap(std::string_view id) { return id == "chusu" || id == "clickpixel"; }

}  // namespace

TEST_CASE("the default vendor database covers every seed vendor") {
  VendorDatabase db = load_default();
  for (const auto& seed : kSeed) {
    INFO("vendor " << seed.id);
    const Vendor* v = find_vendor(db, seed.id);
    REQUIRE(v != nullptr);
    CHECK(v->category == seed.category);
    CHECK_FALSE(v->source.empty());
    if (is_documented_gap(seed.id)) {
      CHECK(v->hosts.empty());
    } else {
      CHECK_FALSE(v->hosts.empty());
    }
    for (auto cookie : seed.cookies) {
      INFO("cookie " << cookie);
      CHECK(vendor_names_cookie(*v, cookie));
    }
  }
}

TEST_CASE("the default vendor database has the site-session necessary vendor") {
  VendorDatabase db = load_default();
  const Vendor* v = find_vendor(db, "site-session");
  REQUIRE(v != nullptr);
  CHECK(v->category == Category::necessary);
  for (auto name : {"PHPSESSID", "JSESSIONID", "ASP.NET_SessionId", "csrftoken", "XSRF-TOKEN", "__Host-session"}) {
    INFO("cookie " << name);
    CHECK(vendor_names_cookie(*v, name));
  }
  // __Secure- only says how a cookie was set, not what it is for.
  CHECK_FALSE(vendor_names_cookie(*v, "__Secure-3PSID"));
}

TEST_CASE("the default vendor database separates vendors that share a host") {
  VendorDatabase db = load_default();
  CHECK(owner_of(db, "https://www.google.com/recaptcha/api.js") == "recaptcha");
  CHECK(owner_of(db, "https://www.google.com/pagead/1p-conversion/123/") == "google-ads");
  CHECK(owner_of(db, "https://www.google.com/search?q=x").empty());
  CHECK(owner_of(db, "https://www.gstatic.com/recaptcha/releases/abc/recaptcha__en.js") == "recaptcha");
  CHECK(owner_of(db, "https://www.gstatic.com/firebasejs/10.7.1/firebase-auth.js") == "firebase");
  CHECK(owner_of(db, "https://www.googletagmanager.com/gtag/js?id=G-ABC123") == "google-analytics");
  CHECK(owner_of(db, "https://www.googletagmanager.com/gtag/js?id=UA-1-1") == "google-analytics");
  CHECK(owner_of(db, "https://www.googletagmanager.com/gtag/js?id=AW-123456") == "google-ads");
  CHECK(owner_of(db, "https://www.googletagmanager.com/gtag/js?id=DC-123456") == "google-ads");
  CHECK(owner_of(db, "https://region1.google-analytics.com/g/collect?v=2") == "google-analytics");
  CHECK(owner_of(db, "https://stats.g.doubleclick.net/j/collect") == "google-analytics");
  CHECK(owner_of(db, "https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/") == "google-ads");
  CHECK(owner_of(db, "https://connect.facebook.net/en_US/sdk.js") == "facebook-sharing");
  CHECK(owner_of(db, "https://connect.facebook.net/de_DE/sdk.js") == "facebook-sharing");
  CHECK(owner_of(db, "https://connect.facebook.net/en_US/fbevents.js") == "facebook-ads");
  // Any locale's pixel, by a '*' segment; the SDK in that locale stays social.
  CHECK(owner_of(db, "https://connect.facebook.net/de_AT/fbevents.js") == "facebook-ads");
  CHECK(owner_of(db, "https://connect.facebook.net/ko_KR/fbevents.js?v=next") == "facebook-ads");
  CHECK(owner_of(db, "https://connect.facebook.net/de_AT/sdk.js") == "facebook-sharing");
  // Firebase's SDK modules share one path: the measurement ones are Firebase Analytics.
  CHECK(owner_of(db, "https://www.gstatic.com/firebasejs/10.7.1/firebase-analytics.js") == "firebase-analytics");
  CHECK(owner_of(db, "https://www.gstatic.com/firebasejs/9.22.0/firebase-analytics-compat.js") == "firebase-analytics");
  CHECK(owner_of(db, "https://www.gstatic.com/firebasejs/10.7.1/firebase-performance.js") == "firebase-analytics");
  CHECK(owner_of(db, "https://www.gstatic.com/firebasejs/10.7.1/firebase-app.js") == "firebase");
  CHECK(owner_of(db, "https://www.gstatic.com/firebasejs/ui/6.0.1/firebase-ui-auth.js") == "firebase");
  CHECK(owner_of(db, "https://connect.facebook.net/signals/config/123?v=2.9") == "facebook-ads");
  CHECK(owner_of(db, "https://www.facebook.com/tr?id=1&ev=PageView") == "facebook-ads");
  CHECK(owner_of(db, "https://www.facebook.com/plugins/like.php?href=x") == "facebook-sharing");
  CHECK(owner_of(db, "https://www.dwin1.com/19038.js") == "shareasale");
  CHECK(owner_of(db, "https://www.dwin1.com/5326.js") == "awin");
  CHECK(owner_of(db, "https://static.cloudflareinsights.com/beacon.min.js") == "cloudflare-web-analytics");
  CHECK(owner_of(db, "https://challenges.cloudflare.com/turnstile/v0/api.js") == "cloudflare");
  CHECK(owner_of(db, "https://cdnjs.cloudflare.com/ajax/libs/turbolinks/5.2.0/turbolinks.js") == "turbolinks");
  CHECK(owner_of(db, "https://t.cfjump.com/tag/30860") == "commission-factory");
  CHECK(owner_of(db, "https://analytics.webgains.io/clk.min.js") == "webgains");
  CHECK(owner_of(db, "https://qzonestyle.gtimg.cn/qzone/biz/gdt/dmp/user-action/gdtevent.min.js") == "tencent-ads");
  CHECK(owner_of(db, "https://i.gtimg.cn/qzone/space_item/pre/1.png").empty());
  CHECK(owner_of(db, "https://t1.kakaocdn.net/kakao_js_sdk/2.7.2/kakao.min.js") == "kakao-sharing");
  CHECK(owner_of(db, "https://wcs.naver.net/wcslog.js") == "naver-ads");
  CHECK(owner_of(db, "https://app.adjust.com/abc123") == "adjust");
  CHECK(owner_of(db, "https://log.trackingio.com/receive/tkio/payment") == "trackingio");
  CHECK(owner_of(db, "https://myapp.web.app/__/auth/handler") == "firebase");
  CHECK(owner_of(db, "https://myapp.firebaseapp.com/__/firebase/init.js") == "firebase");
  CHECK(owner_of(db, "https://identitytoolkit.googleapis.com/v1/accounts:signUp") == "firebase");
  CHECK(owner_of(db, "https://app-measurement.com/a") == "firebase-analytics");
  // Secondary tag and API hosts of the seed vendors.
  CHECK(owner_of(db, "https://www.googletagservices.com/tag/js/gpt.js") == "google-ads");
  CHECK(owner_of(db, "https://imasdk.googleapis.com/js/sdkloader/ima3.js") == "google-ads");
  CHECK(owner_of(db, "https://s0.2mdn.net/ads/studio/cached_libs/x.js") == "google-ads");
  CHECK(owner_of(db, "https://ep2.adtrafficquality.google/sodar/sodar2.js") == "google-ads");
  CHECK(owner_of(db, "https://www.dwin2.com/pub.2988015.min.js") == "awin");
  CHECK(owner_of(db, "https://an.facebook.com/v1/instream/bid") == "facebook-ads");
  CHECK(owner_of(db, "https://static.xx.fbcdn.net/rsrc.php/v3/x.js") == "facebook-sharing");
  CHECK(owner_of(db, "https://www.facebook.com/v18.0/plugins/page.php") == "facebook-sharing");
  CHECK(owner_of(db, "https://static.ads-twitter.com/uwt.js") == "twitter-ads");
  CHECK(owner_of(db, "https://abs.twimg.com/widgets/x.js") == "twitter-sharing");
  CHECK(owner_of(db, "https://res2.wx.qq.com/open/js/jweixin-1.6.0.js") == "wechat-sharing");
  CHECK(owner_of(db, "https://www.qq.com/").empty());
  CHECK(owner_of(db, "https://xhslink.com/a/abc") == "xiaohongshu-sharing");
  CHECK(owner_of(db, "https://api.whatsapp.com/send?phone=1") == "whatsapp-sharing");
}

TEST_CASE("the default vendor database separates cookie names by prefix and domain") {
  VendorDatabase db = load_default();
  CHECK(owner_of_cookie(db, "_gac_UA-123") == "google-analytics");
  CHECK(owner_of_cookie(db, "_gac_gb_123") == "google-ads");
  CHECK(owner_of_cookie(db, "_gcl_au") == "google-ads");
  CHECK(owner_of_cookie(db, "cf_clearance") == "cloudflare");
  CHECK(owner_of_cookie(db, "IDE", "doubleclick.net") == "google-ads");
  // Domain-bound rules do not fire on another site's cookie of the same name.
  CHECK(owner_of_cookie(db, "IDE", "shop.example").empty());
  CHECK(owner_of_cookie(db, "fr", "facebook.com") == "facebook-ads");
  CHECK(owner_of_cookie(db, "fr", "shop.example").empty());
  CHECK(owner_of_cookie(db, "NID", "google.com") == "google-ads");
}

TEST_CASE("engine/rules/README.md lists every vendor and the current counts") {
  VendorDatabase db = load_default();
  std::ifstream in(std::string(WARDEN_SOURCE_DIR) + "/engine/rules/README.md", std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  std::string readme = text.str();
  std::size_t hosts = 0, cookies = 0;
  for (const auto& v : db.vendors) {
    INFO("vendor " << v.id);
    CHECK(readme.find("(`" + v.id + "`)") != std::string::npos);
    hosts += v.hosts.size();
    cookies += v.cookies.size();
  }
  std::string counts = "**" + std::to_string(db.vendors.size()) + " vendors, " + std::to_string(hosts) +
                       " host rules, " + std::to_string(cookies) + " cookie rules**";
  INFO("expected counts line: " << counts);
  CHECK(readme.find(counts) != std::string::npos);
}

TEST_CASE("parse_vendor_database fails cleanly on every truncation of the default database") {
  std::string_view full = warden::default_vendor_database_json();
  for (std::size_t length = 0; length < full.size(); length += 97) {
    auto db = parse_vendor_database(full.substr(0, length));
    CHECK_FALSE(db.ok());
    CHECK(db.status() == Status::invalid_json);
  }
}
