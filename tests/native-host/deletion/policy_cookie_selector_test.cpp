// The sweep's selector over Safari's store, on the 91 records of a real Cookies.binarycookies
// (libyal's, tests/native-host/fixtures/SOURCES.md): what it removes is exactly what the engine
// refuses, the rest stays byte for byte, and records whose domain is no host ("^filecookies^")
// stay as unreadable.
#include "deletion/policy_cookie_selector.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "../support/store_fixtures.h"
#include "stores/safari_binarycookies.h"
#include "stores/safari_cookies.h"
#include "warden/engine_builder.h"

using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

bool refused(const warden::Engine& engine, const warden::Policy& policy, std::string_view domain, std::string_view name,
             std::string_view path) {
  auto d = engine.decide(warden::StoredCookie{name, domain, path.empty() ? "/" : path, {}}, policy);
  return d.ok() && d->action == warden::Action::block;
}

}  // namespace

TEST_CASE("a sweep of Safari's cookies removes exactly what the engine refuses and keeps what it cannot read") {
  TempDir dir;
  fs::path jar = dir / "Cookies" / "Cookies.binarycookies";
  fs::create_directories(jar.parent_path());
  fs::copy_file(fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/binarycookies/libyal-dtformats-Cookies.binarycookies", jar);
  auto bytes = warden::build_default_engine();
  REQUIRE(bytes.ok());
  auto engine = warden::Engine::load(*bytes);
  REQUIRE(engine.ok());
  warden::Policy policy = warden::Policy::necessary_only();

  auto all = [](const BinaryCookieRecord&) { return true; };
  auto before = inspect_binarycookies_file(jar, all);
  REQUIRE(before.ok());
  REQUIRE(before.matched.size() == 91);

  SafariCookieStore store(jar);
  PolicyCookieSelector selector(*engine, policy);
  StoreOutcome outcome = store.remove_cookies(selector, /*dry_run=*/false);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  SweepTally tally = selector.take_tally();
  CHECK(tally.removed() == outcome.items.size());
  CHECK(tally.removed() > 0);
  CHECK(tally.removed() + tally.kept() == 91);
  CHECK(tally.unreadable >= 2);

  auto after = inspect_binarycookies_file(jar, all);
  REQUIRE(after.ok());
  CHECK(after.matched.size() == 91 - outcome.items.size());
  std::size_t refused_before = 0;
  for (const auto& c : before.matched) refused_before += refused(*engine, policy, c.domain, c.name, c.path);
  CHECK(refused_before == outcome.items.size());
  for (const auto& c : after.matched) CHECK_MESSAGE(!refused(*engine, policy, c.domain, c.name, c.path), c.domain << " " << c.name);
  CHECK(std::any_of(after.matched.begin(), after.matched.end(), [](const auto& c) { return c.domain == ".^filecookies^"; }));
}
