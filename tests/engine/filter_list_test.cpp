#include "warden/filter_list.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "warden/engine.h"
#include "warden/engine_builder.h"

using namespace warden;

namespace {

NetworkFilter parsed(std::string_view line) {
  ParsedFilter p = parse_filter(line);
  REQUIRE_MESSAGE(p.filter.has_value(), "skipped: ", p.skip_reason);
  return *p.filter;
}

std::string skip_reason(std::string_view line) { return parse_filter(line).skip_reason; }

// A one-list engine: what a filter does is what the engine makes of it.
class ListEngine {
 public:
  explicit ListEngine(std::string_view list) {
    EngineBuilder b;
    b.add_filter_list("test", list, Category::marketing);
    auto built = b.build();
    REQUIRE(built.ok());
    buffer_ = std::move(built).value();
  }

  // The rule that blocks the request, "" when allowed, the exception's text when one rescued it.
  std::string rule_for(std::string_view url, std::string_view frame = "https://www.site.example/",
                       ResourceType type = ResourceType::script) const {
    auto engine = Engine::load(buffer_);
    REQUIRE(engine.ok());
    auto c = engine->classify(Request{url, frame, frame, type});
    REQUIRE(c.ok());
    std::string rule = engine->rule_text(c->rule);
    if (c->category == Category::marketing || rule.starts_with("@@")) return rule;
    return {};
  }
  bool blocks(std::string_view url, std::string_view frame = "https://www.site.example/",
              ResourceType type = ResourceType::script) const {
    std::string rule = rule_for(url, frame, type);
    return !rule.empty() && rule.substr(0, 2) != "@@";
  }

 private:
  std::vector<std::uint8_t> buffer_;
};

// The lists the engine ships (engine/rules/lists).
std::string read_shipped_list(const char* name) {
  std::ifstream in(std::string(WARDEN_SOURCE_DIR) + "/engine/rules/lists/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("||host^ becomes a plain host rule, a bare hostname line too (as in uBO)") {
  NetworkFilter f = parsed("||Ads.Example.com^");
  CHECK(f.pattern == "ads.example.com");
  CHECK((f.flags & kFilterPlainHost));
  CHECK(f.types == kAllResourceTypes);
  CHECK((parsed("tracker.example.net").flags & kFilterPlainHost));
  CHECK_FALSE((parsed("-728x90.").flags & kFilterPlainHost));
  CHECK_FALSE((parsed("||ads.example.com/path").flags & kFilterPlainHost));
  CHECK_FALSE((parsed("||ads.example.com").flags & kFilterPlainHost));
  CHECK_FALSE((parsed("||ads.example.com^$match-case").flags & kFilterPlainHost));
}

TEST_CASE("anchors and wildcards are compiled into flags and a normalised pattern") {
  NetworkFilter f = parsed("|https://ads.*.example/**banner|");
  CHECK((f.flags & kFilterLeftAnchor));
  CHECK((f.flags & kFilterRightAnchor));
  CHECK(f.pattern == "https://ads.*.example/*banner");
  CHECK_FALSE((parsed("|https://ads.*|").flags & kFilterRightAnchor));  // "*|" anchors nothing
  NetworkFilter g = parsed("**/ads/**");
  CHECK(g.pattern == "/ads/");
  CHECK_FALSE((g.flags & (kFilterLeftAnchor | kFilterRightAnchor | kFilterHostAnchor)));
  CHECK(parsed("/Banner.gif").pattern == "/banner.gif");
  CHECK(parsed("/Banner.gif$match-case").pattern == "/Banner.gif");
  NetworkFilter regex = parsed("/Banner[0-9]/");
  CHECK((regex.flags & kFilterRegex));
  CHECK(regex.pattern == "Banner[0-9]");
}

TEST_CASE("options: party, types and their negations") {
  CHECK((parsed("||a.example^$third-party").flags & kFilterThirdParty));
  CHECK((parsed("||a.example^$3p").flags & kFilterThirdParty));
  CHECK((parsed("||a.example^$~third-party").flags & kFilterFirstParty));
  CHECK((parsed("||a.example^$1p").flags & kFilterFirstParty));
  CHECK((parsed("||a.example^$first-party").flags & kFilterFirstParty));
  CHECK((parsed("||a.example^$~1p").flags & kFilterThirdParty));
  CHECK((parsed("||a.example^$1p,3p").flags & (kFilterFirstParty | kFilterThirdParty)) == 0);
  CHECK(parsed("||a.example^$script,image").types ==
        (type_bit(ResourceType::script) | type_bit(ResourceType::image)));
  CHECK(parsed("||a.example^$css,xhr,frame,beacon").types ==
        (type_bit(ResourceType::stylesheet) | type_bit(ResourceType::xmlhttprequest) |
         type_bit(ResourceType::sub_frame) | type_bit(ResourceType::ping)));
  CHECK(parsed("||a.example^$subdocument,xmlhttprequest,ping,media,font,websocket,object,other,stylesheet").types ==
        (kAllResourceTypes & ~type_bit(ResourceType::main_frame) & ~type_bit(ResourceType::script) &
         ~type_bit(ResourceType::image)));
  CHECK(parsed("||a.example^$document").types == type_bit(ResourceType::main_frame));
  ResourceTypeMask not_script = parsed("||a.example^$~script").types;
  CHECK_FALSE((not_script & type_bit(ResourceType::script)));
  CHECK((not_script & type_bit(ResourceType::image)));
  CHECK_FALSE((not_script & type_bit(ResourceType::main_frame)));  // as uBO: document is not implied
  CHECK(parsed("||a.example^$script,~script,image").types == type_bit(ResourceType::image));
}

TEST_CASE("domain= and from= parse into constraints with negations and entities") {
  NetworkFilter f = parsed("/ads.js$domain=Shop.example|~news.shop.example|google.*");
  REQUIRE(f.domains.size() == 3);
  CHECK(f.domains[0].domain == "shop.example");
  CHECK_FALSE(f.domains[0].negated);
  CHECK(f.domains[1].negated);
  CHECK(f.domains[2].entity);
  CHECK(f.domains[2].domain == "google");
  CHECK(parsed("/ads.js$from=a.example").domains.size() == 1);
  CHECK(skip_reason("||a.example^$domain=/regex/") == "unsupported domain= value");
}

TEST_CASE("comments, headers, cosmetic and scriptlet lines are skipped by reason") {
  CHECK(skip_reason("! Title: EasyList") == "comment");
  CHECK(skip_reason("[Adblock Plus 2.0]") == "header");
  CHECK(skip_reason("example.com##.ad-banner") == "cosmetic");
  CHECK(skip_reason("##.ad") == "cosmetic");
  CHECK(skip_reason("example.com#@#.ad") == "cosmetic");
  CHECK(skip_reason("example.com#?#div:-abp-has(.ad)") == "cosmetic");
  CHECK(skip_reason("example.com#$#abort-on-property-read x") == "cosmetic");
  CHECK(skip_reason("example.com##+js(aopr, ads)") == "scriptlet");
  CHECK(skip_reason("example.com#%#//scriptlet('x')") == "scriptlet");
  CHECK(skip_reason("example.com$$script[data-ad]") == "html filter");
  CHECK(parse_filter("   ").skip_reason.empty());
  CHECK_FALSE(parse_filter("   ").filter.has_value());
}

TEST_CASE("rules with options the engine does not implement are skipped, not half-loaded") {
  CHECK(skip_reason("||a.example^$removeparam=utm_source") == "unsupported option $removeparam");
  CHECK(skip_reason("||a.example^$csp=script-src 'none'") == "unsupported option $csp");
  CHECK(skip_reason("||a.example^$popup") == "unsupported option $popup");
  CHECK(skip_reason("||a.example^$redirect-rule=noop.js") == "unsupported option $redirect-rule");
  CHECK(skip_reason("@@||a.example^$generichide") == "unsupported option $generichide");
  CHECK(skip_reason("||a.example^$denyallow=b.example") == "unsupported option $denyallow");
  CHECK(skip_reason("||a.example^$frobnicate") == "unknown option $frobnicate");
  CHECK(skip_reason("/(?=x)/") == "unsupported regex");
  CHECK(skip_reason("$third-party") == "");  // options only: a generic rule, loaded
  CHECK(skip_reason("*") == "matches everything");
}

TEST_CASE("redirect= block filters load as plain blocks, the redirect is dropped and reported") {
  ParsedFilter p = parse_filter("||static.chartbeat.com/js/chartbeat.js$redirect=chartbeat.js,script");
  REQUIRE(p.filter.has_value());
  CHECK(p.dropped_option == "$redirect");
  CHECK(p.filter->types == type_bit(ResourceType::script));
  CHECK(parse_filter("||a.example/x.js$collapse").filter.has_value());  // ignored: changes nothing
}

TEST_CASE("parse_filter_list counts lines, loaded and skipped, and applies badfilter") {
  ParsedFilterList list = parse_filter_list("t",
                                            "[Adblock Plus 2.0]\n! comment\n||a.example^\n||b.example^$third-party\n"
                                            "||b.example^$third-party,badfilter\nexample.com##.ad\n||c.example^$popup\r\n"
                                            "||d.example^$redirect=noop.js\n",
                                            Category::analytics);
  CHECK(list.report.lines == 8);
  CHECK(list.report.loaded == 2);
  REQUIRE(list.filters.size() == 2);
  CHECK(list.filters[0].pattern == "a.example");
  CHECK(list.filters[1].pattern == "d.example");
  CHECK(list.report.skipped["header"] == 1);
  CHECK(list.report.skipped["comment"] == 1);
  CHECK(list.report.skipped["cosmetic"] == 1);
  CHECK(list.report.skipped["badfilter"] == 1);
  CHECK(list.report.skipped["disabled by badfilter"] == 1);
  CHECK(list.report.skipped["unsupported option $popup"] == 1);
  CHECK(list.report.loaded_without["$redirect"] == 1);
  CHECK(list.report.category == Category::analytics);
}

TEST_CASE("matching: host rules cover the host and its subdomains only") {
  ListEngine e("||ads.example.com^\n");
  CHECK(e.blocks("https://ads.example.com/x.js"));
  CHECK(e.blocks("https://cdn.ads.example.com/x.js"));
  CHECK_FALSE(e.blocks("https://bads.example.com/x.js"));
  CHECK_FALSE(e.blocks("https://ads.example.com.evil.test/x.js"));
  CHECK_FALSE(e.blocks("https://example.com/ads.example.com/"));
}

TEST_CASE("matching: patterns, anchors, separators and wildcards") {
  ListEngine e("/banner/*/img^\n|https://ads.\n.swf|\n||cdn.example/track^\n-728x90.\n");
  CHECK(e.rule_for("https://x.test/banner/a/b/img?x") == "/banner/*/img^");
  CHECK_FALSE(e.blocks("https://x.test/banner/a/b/imgx"));
  CHECK(e.rule_for("https://ads.test/") == "|https://ads.");
  CHECK_FALSE(e.blocks("https://x.test/?u=https://ads.test/"));
  CHECK(e.blocks("https://x.test/movie.swf"));
  CHECK_FALSE(e.blocks("https://x.test/movie.swf?x"));
  CHECK(e.blocks("https://a.cdn.example/track?id=1"));
  CHECK_FALSE(e.blocks("https://a.cdn.example/tracker"));
  CHECK(e.blocks("https://x.test/AOD-En-728x90.js"));  // case-insensitive by default
}

TEST_CASE("matching: match-case") {
  ListEngine e("/BannerAd.$match-case\n");
  CHECK(e.blocks("https://x.test/BannerAd.gif"));
  CHECK_FALSE(e.blocks("https://x.test/bannerad.gif"));
}

TEST_CASE("matching: resource types") {
  ListEngine e("||a.test^$image\n||b.test^$~script\n||c.test^$document\n");
  CHECK(e.blocks("https://a.test/x", "https://s.example/", ResourceType::image));
  CHECK_FALSE(e.blocks("https://a.test/x", "https://s.example/", ResourceType::script));
  CHECK(e.blocks("https://b.test/x", "https://s.example/", ResourceType::image));
  CHECK_FALSE(e.blocks("https://b.test/x", "https://s.example/", ResourceType::script));
  CHECK(e.blocks("https://c.test/", "https://s.example/", ResourceType::main_frame));
  CHECK_FALSE(e.blocks("https://c.test/", "https://s.example/", ResourceType::sub_frame));
}

TEST_CASE("matching: $third-party compares the request's site with the frame's site") {
  ListEngine e("||tracker.test^$third-party\n||own.test^$1p\n");
  CHECK(e.blocks("https://tracker.test/p", "https://news.example/"));
  CHECK_FALSE(e.blocks("https://tracker.test/p", "https://www.tracker.test/"));
  CHECK(e.blocks("https://cdn.own.test/p", "https://www.own.test/"));
  CHECK_FALSE(e.blocks("https://cdn.own.test/p", "https://news.example/"));
  // Sites by the public suffix list, private section included.
  ListEngine gh("||alice.github.io^$third-party\n");
  CHECK(gh.blocks("https://alice.github.io/x.js", "https://bob.github.io/"));
  CHECK_FALSE(gh.blocks("https://alice.github.io/x.js", "https://www.alice.github.io/"));
}

TEST_CASE("matching: domain= with subdomains, negations and entities") {
  ListEngine e("/ads.js$domain=shop.example|~news.shop.example\n/track.js$domain=~safe.example\n/w.js$domain=google.*\n");
  CHECK(e.blocks("https://cdn.test/ads.js", "https://shop.example/"));
  CHECK(e.blocks("https://cdn.test/ads.js", "https://www.shop.example/"));
  CHECK_FALSE(e.blocks("https://cdn.test/ads.js", "https://news.shop.example/"));
  CHECK_FALSE(e.blocks("https://cdn.test/ads.js", "https://other.example/"));
  CHECK(e.blocks("https://cdn.test/track.js", "https://other.example/"));
  CHECK_FALSE(e.blocks("https://cdn.test/track.js", "https://a.safe.example/"));
  CHECK(e.blocks("https://cdn.test/w.js", "https://www.google.co.uk/"));
  CHECK(e.blocks("https://cdn.test/w.js", "https://google.de/"));
  CHECK_FALSE(e.blocks("https://cdn.test/w.js", "https://google.example.com/"));
}

TEST_CASE("matching: rules without a token are found through their domain= sites") {
  ListEngine e("$websocket,domain=chat.example|~quiet.chat.example\n/^https?:\\/\\/.*\\.(club|xyz)\\//$domain=a.example\n"
               "$image,third-party,domain=~b.example\n");
  CHECK(e.blocks("wss://x.test/socket", "https://www.chat.example/", ResourceType::websocket));
  CHECK_FALSE(e.blocks("wss://x.test/socket", "https://quiet.chat.example/", ResourceType::websocket));
  CHECK_FALSE(e.blocks("wss://x.test/socket", "https://other.example/", ResourceType::websocket));
  CHECK(e.blocks("https://ads.club/x.js", "https://a.example/"));
  CHECK_FALSE(e.blocks("https://ads.club/x.js", "https://c.example/"));
  CHECK(e.blocks("https://img.test/1.png", "https://c.example/", ResourceType::image));  // exclusions only: everywhere else
  CHECK_FALSE(e.blocks("https://img.test/1.png", "https://b.example/", ResourceType::image));
}

TEST_CASE("matching: exceptions beat blocks, $important beats exceptions") {
  ListEngine e("||ads.test^\n@@||ads.test/ok.js\n||imp.test^$important\n@@||imp.test^\n");
  CHECK(e.blocks("https://ads.test/bad.js"));
  CHECK(e.rule_for("https://ads.test/ok.js") == "@@||ads.test/ok.js");
  CHECK(e.rule_for("https://imp.test/x.js") == "||imp.test^$important");
}

TEST_CASE("matching: regex rules") {
  ListEngine e("/\\/[0-9a-f]{8}\\/invoke\\.js/$script\n/^https?:\\/\\/(35|104)\\.\\d+\\./\n");
  CHECK(e.blocks("https://x.test/0123abcd/invoke.js"));
  CHECK_FALSE(e.blocks("https://x.test/0123abcd/invoke.js", "https://s.example/", ResourceType::image));
  CHECK_FALSE(e.blocks("https://x.test/0123abcx/invoke.js"));
  CHECK(e.blocks("https://104.16.0.1/x"));
  CHECK_FALSE(e.blocks("https://105.16.0.1/x"));
}

TEST_CASE("the real EasyList and EasyPrivacy load with sane counts") {
  for (const char* name : {"easylist.txt", "easyprivacy.txt"}) {
    std::string text = read_shipped_list(name);
    REQUIRE_MESSAGE(text.size() > 100000, "missing ", name, " under engine/rules/lists");
    ParsedFilterList list = parse_filter_list(name, text, Category::marketing);
    MESSAGE(name, ": ", list.report.lines, " lines, ", list.report.loaded, " loaded");
    std::size_t skipped = 0;
    for (const auto& [reason, count] : list.report.skipped) {
      MESSAGE("  skipped ", reason, ": ", count);
      skipped += count;
    }
    for (const auto& [option, count] : list.report.loaded_without) MESSAGE("  loaded without ", option, ": ", count);
    CHECK(list.report.loaded > 45000);
    CHECK(list.report.skipped["comment"] > 0);
    CHECK(list.report.loaded + skipped <= list.report.lines);
    CHECK(list.report.skipped.count("unknown option $third-party") == 0);
  }
  ParsedFilterList el = parse_filter_list("el", read_shipped_list("easylist.txt"), Category::marketing);
  ParsedFilterList ep = parse_filter_list("ep", read_shipped_list("easyprivacy.txt"), Category::analytics);
  CHECK(el.report.loaded + ep.report.loaded > 90000);
  CHECK(el.report.skipped["cosmetic"] > 1000);
  CHECK(el.report.skipped["unsupported option $popup"] > 0);
}
