#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/protocol_run.h"

using namespace cookiewarden;
using namespace cookiewarden::protocol;
using namespace cookiewarden::test;

TEST_CASE("site_data with a site: what each profile holds, read-only") {
  FakeHome home;
  auto before = tree_snapshot(home.home());
  CommandResult r = run_command(home, "site_data", {{"site", "bücher.keep.test"}});
  REQUIRE(r.ok());
  CHECK(r.result()["site"] == "keep.test");
  REQUIRE(r.result()["profiles"].size() == 2);
  CHECK(r.result()["profiles"][0]["cookies"] == 3);
  CHECK(r.result()["profiles"][0]["browser_running"] == false);
  CHECK(r.result()["profiles"][1]["cookies"] == 6);
  CHECK(tree_snapshot(home.home()) == before);
}

TEST_CASE("site_data without a site: the sites with the most cookies per profile") {
  FakeHome home;
  CommandResult r = run_command(home, "site_data", nlohmann::json::object());
  REQUIRE(r.ok());
  CHECK_FALSE(r.result().contains("site"));
  const auto& firefox = r.result()["profiles"][1];
  CHECK(firefox["profile"]["family"] == "firefox");
  CHECK(firefox["sites"][0] == nlohmann::json{{"site", "tracker.test"}, {"cookies", 6}});
  CHECK(firefox["sites"].size() == 3);
}

TEST_CASE("site_data: progress reads each profile, then says what it found") {
  FakeHome home;
  std::vector<nlohmann::json> reports;
  auto collect = [&](const nlohmann::json& report) { reports.push_back(report); };
  REQUIRE(run_command(home, "site_data", {{"site", "keep.test"}}, collect).ok());
  REQUIRE(reports.size() == 4);
  CHECK(reports[0]["state"] == "reading");
  CHECK(reports[0]["done"] == 0);
  CHECK(reports[0]["total"] == 2);
  CHECK(reports[1]["state"] == "done");
  CHECK(reports[1]["cookies"] == 3);
  CHECK(reports[2]["state"] == "reading");
  CHECK(reports[2]["done"] == 1);
  CHECK(reports[3]["done"] == 2);
  CHECK(reports[3]["cookies"] == 6);
  reports.clear();
  REQUIRE(run_command(home, "site_data", nlohmann::json::object(), collect).ok());
  REQUIRE(reports.size() == 4);
  CHECK(reports[3]["state"] == "done");
  CHECK_FALSE(reports[3].contains("cookies"));
}
