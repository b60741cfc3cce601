#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/protocol_run.h"
#include "../support/shop_cookies.h"

using namespace cookiewarden;
using namespace cookiewarden::protocol;
using namespace cookiewarden::test;

namespace {

long long chromium_count(const FakeHome& home, const std::string& where) {
  RawDb db(home.chromium_profile() / "Cookies");
  return db.count("SELECT count(*) FROM cookies WHERE " + where);
}

}  // namespace

TEST_CASE("sweep_the_policy_object_in_the_request_a_result_and_progress_per_profile") {
  FakeHome home;
  add_shops(home);
  std::vector<nlohmann::json> reports;
  CommandResult r = run_command(home, "sweep", {{"policy", nlohmann::json::parse(kPolicy)}}, [&](const nlohmann::json& report) {
    reports.push_back(report);
  });
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  const auto& result = r.result();
  CHECK(result["complete"] == true);
  CHECK(result["dry_run"] == false);
  CHECK(result["engine"].is_string());
  REQUIRE(result["profiles"].size() == 2);
  for (const auto& profile : result["profiles"]) {
    CHECK(profile["cookies"]["removed"] == 7);
    CHECK(profile["undo"]["id"].is_string());
    CHECK_FALSE(profile.contains("site"));
  }
  CHECK(chromium_count(home, "host_key = '.shop-b.test'") == 3);
  CHECK(chromium_count(home, "host_key = '.shop-a.test'") == 5);
  CHECK(chromium_count(home, "host_key = '.pinned.test'") == 7);
  // Before and after each of the two profiles, as delete_site reports them.
  REQUIRE(reports.size() == 4);
  CHECK(reports[0]["state"] == "deleting");
  CHECK(reports[1]["state"] == "done");
}

TEST_CASE("sweep_targets_and_dry_run_and_refusals_that_change_nothing") {
  FakeHome home;
  add_shops(home);
  auto before = tree_snapshot(home.home());
  CommandResult dry = run_command(home, "sweep", {{"policy", {{"defaults", {{"marketing", "block"}}}}}, {"targets", {"firefox"}}, {"dry_run", true}});
  REQUIRE_MESSAGE(dry.ok(), dry.error().message);
  REQUIRE(dry.result()["profiles"].size() == 1);
  // _fbp and _gcl_au on three sites, and the partitioned IDE.
  CHECK(dry.result()["profiles"][0]["cookies"]["removed"] == 7);
  CHECK(dry.result()["profiles"][0]["undo"].is_null());

  CHECK(run_command(home, "sweep", {}).error().code == ErrorCode::invalid_argument);
  CHECK(run_command(home, "sweep", {{"policy", "necessary-only"}}).error().code == ErrorCode::invalid_argument);
  CommandResult bad = run_command(home, "sweep", {{"policy", {{"defaults", {{"necessary", "block"}}}}}});
  CHECK(bad.error().code == ErrorCode::invalid_argument);
  CHECK(bad.error().message.find("necessary") != std::string::npos);
  CHECK(run_command(home, "sweep", {{"policy", nlohmann::json::object()}, {"site", "shop-a.test"}}).error().code == ErrorCode::invalid_argument);
  CHECK(run_command(home, "sweep", {{"policy", nlohmann::json::object()}, {"targets", {"opera"}}}).error().code == ErrorCode::not_found);
  CHECK(tree_snapshot(home.home()) == before);
}
