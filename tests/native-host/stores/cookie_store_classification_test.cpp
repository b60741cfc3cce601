// The engine's stored-cookie decision over the real browser-written cookie stores in
// shared/data/cookie-stores, as a sweep would read them: each row's domain, name, path and
// partition, decided under "necessary only". Their sites are local test sites no rule names, so
// every unpartitioned cookie is its site's own (necessary) and every cookie a third party wrote
// under another site's partition is an unclassified third party.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "../support/store_fixtures.h"
#include "stores/firefox_origin_attributes.h"
#include "warden/engine.h"
#include "warden/engine_builder.h"

using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

struct StoreRow {
  std::string domain, name, path, partition;
};

const warden::Engine& default_engine() {
  static const std::vector<std::uint8_t> buffer = [] {
    auto b = warden::build_default_engine();
    REQUIRE_MESSAGE(b.ok(), b.detail());
    return std::move(b).value();
  }();
  static const warden::Engine engine = *warden::Engine::load(buffer);
  return engine;
}

std::vector<std::string> split(const std::string& row) {
  std::vector<std::string> out(1);
  for (char c : row) {
    if (c == '|') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// `query` selects domain, name, path and the partition column's raw value.
std::vector<StoreRow> read_rows(const char* fixture, const std::string& query, bool firefox) {
  TempDir dir;
  auto file = copy_cookie_fixture(fixture, dir / "store.sqlite");
  RawDb db(file);
  std::vector<StoreRow> rows;
  for (const auto& line : db.rows(query)) {
    auto f = split(line);
    REQUIRE(f.size() == 4);
    rows.push_back({f[0], f[1], f[2], firefox ? firefox_partition_site(f[3]) : f[3]});
  }
  return rows;
}

// "category action" per row, counted; each row printed.
std::map<std::string, int> classify_rows(const char* fixture, const std::vector<StoreRow>& rows) {
  std::map<std::string, int> counts;
  for (const auto& r : rows) {
    auto d = default_engine().decide(warden::StoredCookie{r.name, r.domain, r.path, r.partition},
                                     warden::Policy::necessary_only());
    REQUIRE_MESSAGE(d.ok(), d.detail());
    std::string outcome = std::string(warden::category_name(d->classification.category)) + " " +
                          std::string(warden::action_name(d->action));
    std::string party = d->classification.third_party ? " (third party)" : "";
    MESSAGE(std::string(fixture), ": ", r.domain, " ", r.name, " ", r.path,
            (r.partition.empty() ? std::string() : " partition " + r.partition), " -> ", outcome, party);
    ++counts[outcome];
  }
  return counts;
}

}  // namespace

TEST_CASE("stored cookies of the real Chromium 156 stores: each site's own, none refused under necessary only") {
  auto chromium = read_rows("chromium156-linux-Cookies.sqlite",
                            "SELECT host_key, name, path, top_frame_site_key FROM cookies", false);
  CHECK(chromium.size() == 6);
  CHECK(classify_rows("chromium156", chromium) == std::map<std::string, int>{{"necessary allow", 6}});
  auto old = read_rows("kooky-chrome-macos-cookie-db.sqlite", "SELECT host_key, name, path, '' FROM cookies", false);
  CHECK(classify_rows("kooky-chrome", old) == std::map<std::string, int>{{"necessary allow", 1}});
}

TEST_CASE("stored cookies of the real Firefox 153 store: partitioned third-party copies are decided on their partition") {
  auto firefox = read_rows("firefox153esr-cookies.sqlite", "SELECT host, name, path, originAttributes FROM moz_cookies", true);
  CHECK(firefox.size() == 12);
  std::size_t partitioned = 0;
  for (const auto& r : firefox) partitioned += !r.partition.empty();
  CHECK(partitioned == 3);
  // Three cookies tracker.test wrote under keep.test: unclassified third parties, allowed unless
  // the policy blocks unknown third parties. The nine others are their own site's.
  CHECK(classify_rows("firefox153", firefox) == std::map<std::string, int>{{"necessary allow", 9}, {"unknown allow", 3}});
  warden::Policy strict = warden::Policy::necessary_only();
  strict.set_unknown_third_party(warden::Action::block);
  for (const auto& r : firefox) {
    auto d = default_engine().decide(warden::StoredCookie{r.name, r.domain, r.path, r.partition}, strict);
    REQUIRE(d.ok());
    CHECK((d->action == warden::Action::block) == !r.partition.empty());
  }
  auto old = read_rows("kooky-firefox-cookies.sqlite", "SELECT host, name, path, originAttributes FROM moz_cookies", true);
  CHECK(classify_rows("kooky-firefox", old) == std::map<std::string, int>{{"necessary allow", 1}});
}
