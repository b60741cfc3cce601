// Engine::classify / decide for a cookie already in a browser's cookie jar (StoredCookie).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/default_engine.h"
#include "warden/default_rules.h"
#include "warden/engine.h"
#include "warden/open_cookie_database.h"

using namespace warden;
using warden::test::default_engine;

namespace {

Classification stored(const Engine& e, std::string_view name, std::string_view domain, std::string_view path = "/",
                      std::string_view partition = "") {
  auto c = e.classify(StoredCookie{name, domain, path, partition});
  REQUIRE_MESSAGE(c.ok(), c.detail());
  return *c;
}

Action decided(const Engine& e, const StoredCookie& cookie, const Policy& policy) {
  auto d = e.decide(cookie, policy);
  REQUIRE_MESSAGE(d.ok(), d.detail());
  return d->action;
}

}  // namespace

TEST_CASE("stored cookie: a cookie on a vendor's domain is the vendor's, whatever its name") {
  Engine e = default_engine();
  for (std::string_view domain : {".doubleclick.net", "ad.doubleclick.net", ".googleads.g.doubleclick.net"}) {
    Classification c = stored(e, "some_unlisted_name", domain);
    CHECK(c.category == Category::marketing);
    CHECK(c.vendor == "Google Ads");
    CHECK(e.rule_text(c.rule) == "doubleclick.net");
  }
  // The longer host rule wins, as for requests.
  CHECK(stored(e, "x", ".stats.g.doubleclick.net").vendor == "Google Analytics");
  // Host rules come before name rules: a name another vendor claims does not move it.
  CHECK(stored(e, "_ga", ".doubleclick.net").vendor == "Google Ads");
}

TEST_CASE("stored cookie: a vendor path rule covers a cookie only when every path it is sent to is inside it") {
  Engine e = default_engine();
  Classification inside = stored(e, "anything", "www.google.com", "/recaptcha");
  CHECK(inside.vendor == "Google reCAPTCHA");
  CHECK(inside.category == Category::necessary);
  CHECK(stored(e, "anything", "www.google.com", "/recaptcha/api2").vendor == "Google reCAPTCHA");
  // Path "/" is also sent to /pagead/: no path rule owns it, so the name decides.
  CHECK(stored(e, "anything", "www.google.com", "/").vendor.empty());
  CHECK(stored(e, "anything", "www.google.com", "").vendor.empty());
  CHECK(stored(e, "anything", "www.google.com", "/recaptchaX").vendor.empty());
  CHECK(stored(e, "_GRECAPTCHA", "www.google.com", "/").vendor == "Google reCAPTCHA");
}

TEST_CASE("stored cookie: name rules, curated before the Open Cookie Database, then the site's own cookies") {
  Engine e = default_engine();
  Classification ga = stored(e, "_ga", ".shop.example");
  CHECK(ga.category == Category::analytics);
  CHECK(ga.vendor == "Google Analytics");
  CHECK_FALSE(ga.third_party);
  CHECK(stored(e, "_ga_ABC123", ".shop.example").vendor == "Google Analytics");
  CHECK(stored(e, "_fbp", ".shop.example").category == Category::marketing);
  CHECK(stored(e, "NID", ".google.com").vendor == "Google Ads");
  // A name no rule lists on an ordinary site is that site's own cookie.
  Classification own = stored(e, "cart_id", "www.shop.example", "/cart");
  CHECK(own.category == Category::necessary);
  CHECK(e.rule_text(own.rule) == "first-party");
  CHECK_FALSE(own.third_party);
}

TEST_CASE("stored cookie: the partition is the top-level site of a partitioned cookie, in every store's form") {
  Engine e = default_engine();
  for (std::string_view key : {"https://shop.example", "https://www.shop.example:8443", "(https,shop.example)",
                               "(https,shop.example,8443)", "shop.example", "SHOP.example."}) {
    CAPTURE(key);
    Classification c = stored(e, "widget_state", ".widget.example", "/", key);
    CHECK(c.third_party);
    CHECK(c.category == Category::unknown);
    CHECK(c.rule.empty());
  }
  // Partitioned under its own site: first-party.
  CHECK(stored(e, "widget_state", ".widget.example", "/", "https://widget.example").category == Category::necessary);
  // A classified partitioned cookie keeps its vendor.
  CHECK(stored(e, "_ga", ".widget.example", "/", "https://shop.example").vendor == "Google Analytics");
}

TEST_CASE("stored cookie: an unpartitioned cookie is decided by its own site's policy, overrides included") {
  Engine e = default_engine();
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::analytics, Action::allow);
  p.set_site("news.example", Category::marketing, Action::allow);
  CHECK(decided(e, {"_ga", ".shop.example", "/", ""}, p) == Action::allow);
  CHECK(decided(e, {"_ga", ".news.example", "/", ""}, p) == Action::block);
  // A tracker's own cookie is kept only by its own site's choice, not by a site that embeds it.
  CHECK(decided(e, {"IDE", ".doubleclick.net", "/", ""}, p) == Action::block);
  p.set_site("doubleclick.net", Category::marketing, Action::allow);
  CHECK(decided(e, {"IDE", ".doubleclick.net", "/", ""}, p) == Action::allow);
  // Necessary is never refused.
  CHECK(decided(e, {"cart_id", "www.news.example", "/", ""}, Policy::necessary_only()) == Action::allow);
  CHECK(decided(e, {"__cf_bm", ".news.example", "/", ""}, Policy::necessary_only()) == Action::allow);
}

TEST_CASE("stored cookie: a partitioned cookie is decided by its partition's policy") {
  Engine e = default_engine();
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::analytics, Action::allow);
  CHECK(decided(e, {"_ga", ".widget.example", "/", "https://shop.example"}, p) == Action::allow);
  CHECK(decided(e, {"_ga", ".shop.example", "/", "https://news.example"}, p) == Action::block);
  // Unclassified third-party cookies follow unknown_third_party.
  CHECK(decided(e, {"w", ".widget.example", "/", "https://news.example"}, p) == Action::allow);
  p.set_unknown_third_party(Action::block);
  CHECK(decided(e, {"w", ".widget.example", "/", "https://news.example"}, p) == Action::block);
}

TEST_CASE("stored cookie: bad input is an error value naming the field") {
  Engine e = default_engine();
  auto domain = e.classify(StoredCookie{"a", "bad host!", "/", ""});
  CHECK(domain.status() == Status::invalid_host);
  CHECK(domain.detail().find("cookie domain") != std::string::npos);
  CHECK(e.classify(StoredCookie{"a", "", "/", ""}).status() == Status::invalid_host);
  auto path = e.classify(StoredCookie{"a", "shop.example", "cart", ""});
  CHECK(path.status() == Status::invalid_argument);
  CHECK(path.detail().find("path") != std::string::npos);
  for (std::string_view key : {"(https)", "https://", "(https,bad host)", "()"}) {
    CAPTURE(key);
    auto partition = e.decide(StoredCookie{"a", "shop.example", "/", key}, Policy::allow_all());
    CHECK(partition.status() == Status::invalid_host);
    CHECK(partition.detail().find("partition key") != std::string::npos);
  }
}

TEST_CASE("stored cookie: a social network's own cookies are social, an ad cookie named on its domain stays marketing") {
  Engine e = default_engine();
  for (std::string_view name : {"datr", "c_user", "xs", "sb", "presence"}) {
    CAPTURE(name);
    Classification c = stored(e, name, ".facebook.com");
    CHECK(c.category == Category::social);
    CHECK(c.vendor == "Facebook and Messenger sharing");
  }
  Classification fr = stored(e, "fr", ".facebook.com");
  CHECK(fr.category == Category::marketing);
  CHECK(fr.vendor == "Facebook Ads (Meta Pixel)");
  CHECK(stored(e, "sessionid", ".instagram.com").category == Category::social);
  CHECK(stored(e, "guest_id", ".x.com").category == Category::social);
  CHECK(stored(e, "guest_id", ".twitter.com").category == Category::social);
  CHECK(stored(e, "remixlang", ".vk.com").category == Category::social);
  CHECK(stored(e, "wa_lang_pref", ".web.whatsapp.com").category == Category::social);
  CHECK(stored(e, "_kadu", ".kakao.com").category == Category::social);
  CHECK(stored(e, "COMPASS", "mail.google.com", "/mail").vendor == "Gmail sharing");
  // The same name elsewhere is not the network's.
  CHECK(stored(e, "sessionid", "www.shop.example").category == Category::necessary);
}

TEST_CASE("stored cookie: Google's ad cookies on google.com and ad hosts, whatever the name") {
  Engine e = default_engine();
  CHECK(stored(e, "NID", ".google.com").category == Category::marketing);
  CHECK(stored(e, "1P_JAR", ".google.com").category == Category::marketing);
  CHECK(stored(e, "__eoi", ".shop.example").vendor == "Google Ads");
  CHECK(stored(e, "FPGCLDC", ".shop.example").vendor == "Google Ads");
  CHECK(stored(e, "anything", ".2mdn.net").vendor == "Google Ads");
  CHECK(stored(e, "anything", ".adtrafficquality.google").vendor == "Google Ads");
  // google.com itself is not an ad domain: its own session cookies are not claimed by a host rule.
  CHECK(stored(e, "SOME_SESSION", ".google.com").vendor.empty());
}

// The Open Cookie Database's own entries, each as a stored cookie (on its domain, or on an
// ordinary site for a name-only entry): how often the engine, with every rule loaded, gives the
// category the import maps the entry to. It differs where a curated vendor is more specific (a
// host rule on the cookie's domain, a curated name rule) or where another row owns the name.
TEST_CASE("stored cookie: the Open Cookie Database's own entries agree with its mapping, per category") {
  Engine e = default_engine();
  auto ocd = import_open_cookie_database(default_open_cookie_database_csv());
  REQUIRE(ocd.ok());
  std::size_t total[kCategoryCount] = {}, agree[kCategoryCount] = {};
  std::size_t necessary_refused = 0;
  for (const auto& vendor : ocd->database.vendors) {
    for (const auto& rule : vendor.cookies) {
      std::string name = rule.prefix ? rule.name + "1" : rule.name;
      std::string domain = rule.domain.empty() ? ".site.example" : "." + rule.domain;
      Classification c = stored(e, name, domain);
      auto i = static_cast<std::size_t>(vendor.category);
      ++total[i];
      agree[i] += c.category == vendor.category;
      if (vendor.category == Category::necessary && c.category != Category::necessary) {
        ++necessary_refused;
        MESSAGE("necessary entry ", vendor.name, " ", name, " ", domain, " -> ", category_name(c.category), " (", c.vendor,
                ": ", e.rule_text(c.rule), ")");
      }
    }
  }
  std::size_t all = 0, all_agree = 0;
  for (Category cat : kAllCategories) {
    auto i = static_cast<std::size_t>(cat);
    if (total[i] == 0) continue;
    MESSAGE(category_name(cat), ": ", agree[i], " of ", total[i], " entries agree (",
            100.0 * static_cast<double>(agree[i]) / static_cast<double>(total[i]), "%)");
    all += total[i];
    all_agree += agree[i];
  }
  MESSAGE("all: ", all_agree, " of ", all, "; necessary entries classified otherwise: ", necessary_refused);
  auto share = [&](Category cat) {
    auto i = static_cast<std::size_t>(cat);
    return static_cast<double>(agree[i]) / static_cast<double>(total[i]);
  };
  CHECK(total[static_cast<std::size_t>(Category::functional)] > 50);  // 3 before the Functional split
  CHECK(share(Category::necessary) >= 0.97);
  CHECK(share(Category::functional) >= 0.90);
  CHECK(share(Category::analytics) >= 0.95);
  CHECK(share(Category::marketing) >= 0.95);
}
