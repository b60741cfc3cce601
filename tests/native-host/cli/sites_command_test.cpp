#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/cli_run.h"

using namespace cookiewarden::test;

namespace {
CliRun cli(const FakeHome& home, std::vector<std::string_view> args) { return run_cli_in(home, std::move(args)); }
}  // namespace

TEST_CASE("cookiewarden sites: per-site report and top sites") {
  FakeHome home;
  auto before = tree_snapshot(home.home());
  CliRun site = cli(home, {"sites", "www.keep.test"});
  CHECK(site.code == 0);
  CHECK(site.out.find("keep.test: 9 cookies in 2 profiles.") != std::string::npos);
  CHECK(site.out.find("1 IndexedDB folder") != std::string::npos);
  CliRun top = cli(home, {"sites", "--json", "--profile", "abcd.default-esr"});
  CHECK(top.code == 0);
  auto json = nlohmann::json::parse(top.out);
  CHECK(json["profiles"].size() == 1);
  CHECK(json["profiles"][0]["sites"][0]["site"] == "tracker.test");
  CHECK(tree_snapshot(home.home()) == before);
}
