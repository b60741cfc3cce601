#include "warden/open_cookie_database.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "crc32.h"
#include "warden/default_rules.h"

using warden::Category;
using warden::CookieRule;
using warden::import_open_cookie_database;
using warden::OpenCookieImport;
using warden::Status;
using warden::Vendor;

namespace {

constexpr std::string_view kHeader =
    "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,"
    "User Privacy & GDPR Rights Portals,Wildcard match\n";

std::string csv(std::string_view rows) { return std::string(kHeader) + std::string(rows); }

struct Found {
  const Vendor* vendor = nullptr;
  const CookieRule* rule = nullptr;
};

// The rule for `name` (as the importer wrote it) bound to `domain` ("" = name-only).
Found find_rule(const OpenCookieImport& import, std::string_view name, std::string_view domain) {
  for (const auto& v : import.database.vendors)
    for (const auto& c : v.cookies)
      if (c.name == name && c.domain == domain) return {&v, &c};
  return {};
}

bool has_name(const OpenCookieImport& import, std::string_view name) {
  for (const auto& v : import.database.vendors)
    for (const auto& c : v.cookies)
      if (c.name == name) return true;
  return false;
}

OpenCookieImport import_ok(std::string_view text) {
  auto result = import_open_cookie_database(text);
  INFO("detail: " << result.detail());
  REQUIRE(result.ok());
  return result.value();
}

}  // namespace

TEST_CASE("OCD CSV: quoted fields keep commas, doubled quotes and line breaks") {
  auto result = import_ok(csv(
      "1,\"Acme, Inc.\",Analytics,_acme_id,,\"Says \"\"hello\"\", twice\nand more\",1 year,Acme,x,0\n"
      "2,Acme Inc.,Marketing,_acme_ad,,plain,1 day,Acme,x,0\n"));
  CHECK(result.rows == 2);
  CHECK(result.imported == 2);
  auto id = find_rule(result, "_acme_id", "");
  REQUIRE(id.vendor != nullptr);
  CHECK(id.vendor->name == "Acme, Inc.");
  CHECK(id.vendor->category == Category::analytics);
  // The second row's record starts after the multi-line first record.
  CHECK(find_rule(result, "_acme_ad", "").vendor != nullptr);
}

TEST_CASE("OCD CSV: CRLF, lone CR, a BOM, blank lines and a missing final newline") {
  std::string text = "\xEF\xBB\xBF" + std::string(kHeader.substr(0, kHeader.size() - 1)) + "\r\n" +
                     "1,Acme,Analytics,_a_one,,d,r,c,p,0\r\n"
                     "\r\n"
                     "2,Acme,Analytics,_a_two,,\"two\r\nlines\",r,c,p,0\r"
                     "3,Acme,Analytics,_a_three,,d,r,c,p,0";
  auto result = import_ok(text);
  CHECK(result.rows == 3);
  CHECK(result.imported == 3);
  CHECK(has_name(result, "_a_one"));
  CHECK(has_name(result, "_a_two"));
  CHECK(has_name(result, "_a_three"));
}

TEST_CASE("OCD CSV: columns are found by name in any order") {
  std::string text =
      "Wildcard match,Cookie / Data Key name,Category,Platform,Domain,ID,Description,Retention period,"
      "Data Controller,User Privacy & GDPR Rights Portals\n"
      "1,_acme_,Marketing,Acme,,x,d,r,c,p\n";
  auto result = import_ok(text);
  auto rule = find_rule(result, "_acme_", "");
  REQUIRE(rule.rule != nullptr);
  CHECK(rule.rule->prefix);
  CHECK(rule.vendor->category == Category::marketing);
}

TEST_CASE("OCD CSV: malformed input is an error naming the line") {
  auto unterminated = import_open_cookie_database(csv("1,Acme,Analytics,\"_a,,d,r,c,p,0\n2,B,Analytics,_b,,d,r,c,p,0\n"));
  REQUIRE_FALSE(unterminated.ok());
  CHECK(unterminated.status() == Status::invalid_rule);
  CHECK(unterminated.detail().find("line 2") != std::string::npos);
  CHECK(unterminated.detail().find("not closed") != std::string::npos);

  auto trailing = import_open_cookie_database(csv("1,Acme,Analytics,_a,,\"d\"x,r,c,p,0\n"));
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.detail().find("line 2") != std::string::npos);

  auto missing = import_open_cookie_database("ID,Platform,Category,Domain\n1,A,Analytics,a.example\n");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.detail().find("Cookie / Data Key name") != std::string::npos);

  auto empty = import_open_cookie_database("");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.detail().find("empty") != std::string::npos);
}

TEST_CASE("OCD CSV: a quote inside an unquoted field is kept literally") {
  auto result = import_ok(csv("1,Ac\"me,Analytics,_a_q,,d,r,c,p,0\n"));
  auto rule = find_rule(result, "_a_q", "");
  REQUIRE(rule.vendor != nullptr);
  CHECK(rule.vendor->name == "Ac\"me");
}

TEST_CASE("OCD import: categories map to ours, unknown categories and bad rows are skipped and counted") {
  auto result = import_ok(csv(
      "1,P,Functional,_p_functional,,d,r,c,p,0\n"
      "2,P,Security,_p_security,,d,r,c,p,0\n"
      "3,P,Necessary,_p_necessary,,d,r,c,p,0\n"
      "4,P,Personalization,_p_personal,,d,r,c,p,0\n"
      "5,P,Analytics,_p_analytics,,d,r,c,p,0\n"
      "6,P,Marketing,_p_marketing,,d,r,c,p,0\n"
      "7,P,Social,_p_social,,d,r,c,p,0\n"
      "8,P,Marketing,,,d,r,c,p,0\n"
      "9,P,Marketing,has space,,d,r,c,p,0\n"
      "10,P,Marketing,too,few\n"));
  CHECK(find_rule(result, "_p_functional", "").vendor->category == Category::necessary);
  CHECK(find_rule(result, "_p_security", "").vendor->category == Category::necessary);
  CHECK(find_rule(result, "_p_necessary", "").vendor->category == Category::necessary);
  CHECK(find_rule(result, "_p_personal", "").vendor->category == Category::functional);
  CHECK(find_rule(result, "_p_analytics", "").vendor->category == Category::analytics);
  CHECK(find_rule(result, "_p_marketing", "").vendor->category == Category::marketing);
  CHECK_FALSE(has_name(result, "_p_social"));
  CHECK(result.rows == 10);
  CHECK(result.imported == 6);
  CHECK(result.skipped == 4);
  CHECK(result.skipped_by_reason["unknown category"] == 1);
  CHECK(result.skipped_by_reason["name is empty or not a cookie token"] == 2);
  CHECK(result.skipped_by_reason["wrong number of fields"] == 1);
  // One vendor per (platform, category).
  CHECK(result.database.vendors.size() == 4);
}

TEST_CASE("OCD import: Functional rows take the purpose of chat, player, preference, analytics and ad platforms") {
  auto result = import_ok(csv(
      "1,Youtube,Functional,YSC,youtube.com,d,r,c,p,0\n"
      "2,Tawk.to,Functional,tawk_,,d,r,c,p,1\n"
      "3,Hotjar,Functional,_hjSession_,,d,r,c,p,1\n"
      "4,PubMatic,Functional,KTPCACOOKIE,pubmatic.com,d,r,c,p,0\n"
      "5,Zendesk,Functional,__zlcmid,.zendesk.com,d,r,c,p,0\n"
      "6,Zendesk,Functional,_help_center_session,,d,r,c,p,0\n"
      "7,PHP.net,Functional,PHPSESSID,,d,r,c,p,0\n"
      "8,Youtube,Marketing,VISITOR_INFO1_LIVE,youtube.com,d,r,c,p,0\n"
      "9,Hotjar,Security,_hjCsrf,,d,r,c,p,0\n"));
  CHECK(find_rule(result, "YSC", "youtube.com").vendor->category == Category::functional);
  CHECK(find_rule(result, "tawk_", "").vendor->category == Category::functional);
  CHECK(find_rule(result, "_hjSession_", "").vendor->category == Category::analytics);
  CHECK(find_rule(result, "KTPCACOOKIE", "").vendor->category == Category::marketing);
  CHECK(find_rule(result, "__zlcmid", "").vendor->category == Category::functional);
  CHECK(find_rule(result, "_help_center_session", "").vendor->category == Category::necessary);
  CHECK(find_rule(result, "PHPSESSID", "").vendor->category == Category::necessary);
  // Only Functional rows move: the other categories keep their mapping.
  CHECK(find_rule(result, "VISITOR_INFO1_LIVE", "").vendor->category == Category::marketing);
  CHECK(find_rule(result, "_hjCsrf", "").vendor->category == Category::necessary);
}

TEST_CASE("OCD import: wildcard flag, trailing '_' and placeholders make prefix rules") {
  auto result = import_ok(csv(
      "1,P,Analytics,_p_flag,,d,r,c,p,1\n"
      "2,P,Analytics,Hm_lvt_,,d,r,c,p,0\n"
      "3,P,Analytics,_p_star*,,d,r,c,p,0\n"
      "4,P,Analytics,pm_sess_NNN,,d,r,c,p,0\n"
      "5,P,Analytics,pagead/conv/%INTEGER%,,d,r,c,p,0\n"
      "6,P,Analytics,_p_exact,,d,r,c,p,0\n"
      "7,P,Analytics, _p_padded\t,,d,r,c,p,0\n"));
  CHECK(find_rule(result, "_p_flag", "").rule->prefix);
  CHECK(find_rule(result, "Hm_lvt_", "").rule->prefix);
  CHECK(find_rule(result, "_p_star", "").rule->prefix);
  CHECK(find_rule(result, "pm_sess_", "").rule->prefix);
  CHECK(find_rule(result, "pagead/conv/", "").rule->prefix);
  CHECK_FALSE(find_rule(result, "_p_exact", "").rule->prefix);
  CHECK(find_rule(result, "_p_padded", "").rule != nullptr);
}

TEST_CASE("OCD import: generic names keep their domain, distinctive names become name-only") {
  auto result = import_ok(csv(
      "1,Instagram,Marketing,sessionid,instagram.com,d,r,c,p,0\n"
      "2,Facebook,Marketing,s,facebook.com (3rd party),d,r,c,p,0\n"
      "3,Facebook,Marketing,_fbp,facebook.com (3rd party),d,r,c,p,0\n"
      "4,LinkedIn,Functional,lang,linkedin.com (3rd party),d,r,c,p,0\n"
      "5,X,Marketing,session_id,,d,r,c,p,0\n"
      "6,X,Marketing,token,,d,r,c,p,0\n"
      "7,Bing / Microsoft,Marketing,MR,.bing.com (3rd party) or .microsoft.com (3rd party),d,r,c,p,0\n"
      "8,Adhese,Marketing,cap,ads-[account].adhese.com,d,r,c,p,1\n"
      "9,Qux,Marketing,datr,,d,r,c,p,0\n"
      "10,HubSpot,Marketing,hubspotutk,,d,r,c,p,0\n"
      "11,DoubleClick,Marketing,IDE,doubleclick.net (3rd party),d,r,c,p,0\n"
      "12,Commander,Marketing,tcx,.commander1.com\xE2\x80\x8B,d,r,c,p,0\n"
      "13,Odd,Marketing,odd,not a domain,d,r,c,p,0\n"));
  CHECK(find_rule(result, "sessionid", "instagram.com").rule != nullptr);
  CHECK(find_rule(result, "sessionid", "").rule == nullptr);
  CHECK(find_rule(result, "s", "facebook.com").rule != nullptr);
  CHECK(find_rule(result, "_fbp", "").rule != nullptr);
  CHECK(find_rule(result, "_fbp", "facebook.com").rule == nullptr);
  CHECK(find_rule(result, "lang", "linkedin.com").vendor->category == Category::necessary);
  CHECK_FALSE(has_name(result, "session_id"));
  CHECK_FALSE(has_name(result, "token"));
  CHECK(find_rule(result, "MR", "bing.com").rule != nullptr);
  CHECK(find_rule(result, "MR", "microsoft.com").rule != nullptr);
  auto cap = find_rule(result, "cap", "adhese.com");
  REQUIRE(cap.rule != nullptr);
  CHECK(cap.rule->prefix);
  CHECK_FALSE(has_name(result, "datr"));
  CHECK(find_rule(result, "hubspotutk", "").rule != nullptr);
  CHECK(find_rule(result, "IDE", "doubleclick.net").rule != nullptr);
  CHECK(find_rule(result, "tcx", "commander1.com").rule != nullptr);
  CHECK_FALSE(has_name(result, "odd"));
  CHECK(result.skipped_by_reason["generic name without a domain"] == 4);
}

TEST_CASE("OCD import: short prefixes and two-character names are generic even with a leading underscore") {
  auto result = import_ok(csv(
      "1,Marfeel,Analytics,_s,,d,r,c,p,1\n"
      "2,Marfeel,Analytics,_lv,marfeel.com,d,r,c,p,1\n"
      "3,Shopify,Analytics,_y,,d,r,c,p,0\n"
      "4,Google Analytics,Analytics,_ga_,,d,r,c,p,1\n"
      "5,Google Analytics,Analytics,_ga,,d,r,c,p,0\n"));
  CHECK(find_rule(result, "_ga", "").rule != nullptr);  // three characters with '_' are distinctive
  CHECK_FALSE(has_name(result, "_s"));
  auto lv = find_rule(result, "_lv", "marfeel.com");
  REQUIRE(lv.rule != nullptr);
  CHECK(lv.rule->prefix);
  CHECK_FALSE(has_name(result, "_y"));  // two characters are generic, underscore or not
  CHECK(find_rule(result, "_ga_", "").rule->prefix);
  CHECK(result.skipped_by_reason["generic name without a domain"] == 2);
}

TEST_CASE("OCD import: a rule claimed by an earlier row is a duplicate") {
  auto result = import_ok(csv(
      "1,Google Analytics,Analytics,_gid,,d,r,c,p,0\n"
      "2,Other,Marketing,_gid,,d,r,c,p,0\n"
      "3,Other,Marketing,_gid,,d,r,c,p,1\n"));
  CHECK(find_rule(result, "_gid", "").vendor->category == Category::analytics);
  CHECK(result.imported == 2);  // the prefix rule _gid* is a different rule
  CHECK(result.skipped_by_reason["duplicate of an earlier row"] == 1);
}

TEST_CASE("OCD import: the shipped CSV") {
  auto result = import_ok(warden::default_open_cookie_database_csv());
  CHECK(result.rows == 2264);
  CHECK(result.imported + result.skipped == result.rows);
  CHECK(result.imported == 2165);
  CHECK(result.skipped == 99);
  CHECK(result.skipped_by_reason["generic name without a domain"] == 92);
  CHECK(result.skipped_by_reason["name is empty or not a cookie token"] == 2);  // "Site History", a soft hyphen
  CHECK(result.skipped_by_reason["duplicate of an earlier row"] == 5);
  std::size_t rules = 0, name_only = 0, prefixes = 0;
  for (const auto& v : result.database.vendors) {
    for (const auto& c : v.cookies) {
      ++rules;
      name_only += c.domain.empty();
      prefixes += c.prefix;
    }
  }
  CHECK(result.database.vendors.size() == 421);
  CHECK(rules == 2168);
  CHECK(name_only == 1855);
  CHECK(prefixes == 264);
  for (auto short_prefix : {"_s", "_ut", "_lv"}) {
    INFO("prefix " << short_prefix);
    auto r = find_rule(result, short_prefix, "");
    CHECK((r.rule == nullptr || !r.rule->prefix));
  }

  auto ga = find_rule(result, "_ga", "");
  REQUIRE(ga.rule != nullptr);
  CHECK(ga.vendor->name == "Google Analytics");
  CHECK(ga.vendor->category == Category::analytics);
  CHECK_FALSE(ga.rule->prefix);
  CHECK(find_rule(result, "_ga_", "").rule->prefix);
  CHECK(find_rule(result, "__utma", "").vendor->category == Category::analytics);
  CHECK(find_rule(result, "_fbp", "").vendor->category == Category::marketing);
  CHECK(find_rule(result, "__cf_bm", "").vendor->category == Category::necessary);
  CHECK(find_rule(result, "_GRECAPTCHA", "").vendor->category == Category::necessary);
  CHECK(find_rule(result, "PHPSESSID", "").vendor->category == Category::necessary);
  auto hm = find_rule(result, "Hm_lvt_", "");
  REQUIRE(hm.rule != nullptr);
  CHECK(hm.rule->prefix);
  CHECK(hm.vendor->name == "Baidu");
  CHECK(find_rule(result, "sidebarPinned", "").vendor->category == Category::functional);

  // Generic names stay bound to their domain.
  CHECK(find_rule(result, "sessionid", "instagram.com").vendor->category == Category::marketing);
  CHECK(find_rule(result, "locale", "facebook.com").rule != nullptr);
  CHECK(find_rule(result, "s", "facebook.com").rule != nullptr);
  CHECK(find_rule(result, "lang", "linkedin.com").rule != nullptr);
  for (auto generic : {"sessionid", "locale", "s", "lang", "token", "id"}) {
    INFO("name " << generic);
    CHECK(find_rule(result, generic, "").rule == nullptr);
  }
  CHECK(find_rule(result, "IDE", "doubleclick.net").vendor->category == Category::marketing);
  CHECK(find_rule(result, "cap", "adhese.com").rule->prefix);
}

TEST_CASE("OCD import: the result is a valid vendor database") {
  auto result = import_ok(warden::default_open_cookie_database_csv());
  auto reparsed = warden::parse_vendor_database(warden::vendor_database_to_json(result.database));
  INFO("detail: " << reparsed.detail());
  REQUIRE(reparsed.ok());
  CHECK(reparsed->vendors.size() == result.database.vendors.size());
}

TEST_CASE("OCD import: the shipped copy is the upstream snapshot, unmodified") {
  // engine/rules/LICENSES.md: an unmodified copy of commit f62992b, whose size and CRC-32 these are.
  std::string_view shipped = warden::default_open_cookie_database_csv();
  CHECK(shipped.size() == 567896);
  CHECK(warden::crc32({reinterpret_cast<const std::uint8_t*>(shipped.data()), shipped.size()}) == 0x0de52d17u);
}

TEST_CASE("OCD import: mutated input gives a result or an error, never a crash") {
  std::string_view full = warden::default_open_cookie_database_csv();
  std::string base(full.substr(0, full.find('\n', 8000) + 1));  // header and a few dozen rows
  constexpr std::string_view kNoise[] = {"\"", "\"\"", ",", "\r", "\n", "\r\n", "\xEF\xBB\xBF", "\xE2\x80\x8B", "*", "_"};
  std::uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  for (int round = 0; round < 400; ++round) {
    std::string text = base;
    for (int edits = 1 + next() % 4; edits > 0; --edits) {
      std::size_t at = next() % (text.size() + 1);
      switch (next() % 3) {
        case 0: text.insert(at, kNoise[next() % std::size(kNoise)]); break;
        case 1: text.erase(at, next() % 8); break;
        default: text.resize(at); break;
      }
    }
    auto result = import_open_cookie_database(text);
    if (result.ok()) {
      CHECK(result->imported + result->skipped == result->rows);
    } else {
      CHECK(result.status() == Status::invalid_rule);
      CHECK_FALSE(result.detail().empty());
    }
  }
}
