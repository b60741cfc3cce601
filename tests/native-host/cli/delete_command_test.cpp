#include <unistd.h>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/cli_run.h"
#include "../support/protocol_run.h"
#include "../support/running_browser.h"

using namespace cookiewarden::test;

namespace {

CliRun cli(const FakeHome& home, std::vector<std::string_view> args) { return run_cli_in(home, std::move(args)); }

// The JSON with the fake home's own path (a different temporary folder each time) written as ~.
std::string home_relative(const nlohmann::json& json, const FakeHome& home) {
  std::string text = json.dump(), prefix = home.home().string();
  for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) text.replace(at, prefix.size(), "~");
  return text;
}

nlohmann::json protocol_delete(const FakeHome& home, nlohmann::json args) {
  auto r = run_command(home, "delete_site", std::move(args));
  REQUIRE(r.ok());
  return r.result();
}

}  // namespace

TEST_CASE("cookiewarden delete: table output, exit 0, data gone") {
  FakeHome home;
  CliRun run = cli(home, {"delete", "keep.test"});
  CHECK(run.code == 0);
  CHECK(run.out.find("Chromium / Person 1 (Default): deleted 4 items") != std::string::npos);
  CHECK(run.out.find("chromium_cookies") != std::string::npos);
  CHECK(run.out.find("news.keep.test srv_news") != std::string::npos);
  RawDb c(home.chromium_profile() / "Cookies");
  CHECK(c.count("SELECT count(*) FROM cookies WHERE host_key LIKE '%keep.test'") == 0);
}

TEST_CASE("cookiewarden delete --dry-run --json changes nothing and says what would go") {
  FakeHome home;
  auto before = tree_snapshot(home.home());
  CliRun run = cli(home, {"delete", "tracker.test", "--dry-run", "--json", "--browser", "firefox"});
  CHECK(run.code == 0);
  auto json = nlohmann::json::parse(run.out);
  CHECK(json["dry_run"] == true);
  CHECK(json["profiles"].size() == 1);
  CHECK(json["profiles"][0]["deleted"] == 6);
  CHECK(tree_snapshot(home.home()) == before);
}

TEST_CASE("cookiewarden delete: a running browser gives exit 3 and names it") {
  FakeHome home;
  mark_chromium_running(home.chromium_profile().parent_path());
  CliRun run = cli(home, {"delete", "keep.test"});
  CHECK(run.code == 3);
  CHECK(run.out.find("SKIPPED - Chromium is running") != std::string::npos);
  CHECK(run.out.find("Firefox / default-esr (abcd.default-esr): deleted") != std::string::npos);
}

TEST_CASE("cookiewarden delete: usage and lookup errors") {
  FakeHome home;
  auto before = tree_snapshot(home.home());
  CHECK(cli(home, {"delete"}).code == 2);
  CHECK(cli(home, {"delete", "a b"}).code == 2);
  CHECK(cli(home, {"delete", "keep.test", "--force"}).code == 2);
  CHECK(cli(home, {"delete", "keep.test", "other.test"}).code == 2);
  CliRun unknown = cli(home, {"delete", "keep.test", "--browser", "netscape"});
  CHECK(unknown.code == 1);
  CHECK(unknown.err.find("netscape") != std::string::npos);
  CliRun help = cli(home, {"delete", "--help"});
  CHECK(help.code == 0);
  CHECK(help.out.find("--dry-run") != std::string::npos);
  CHECK(tree_snapshot(home.home()) == before);
}

// Each deletion has an undo journal of its own: its id and expiry differ between two runs.
static nlohmann::json without_undo_ids(nlohmann::json result) {
  for (auto& profile : result["profiles"])
    if (profile["undo"].is_object()) profile["undo"].erase("id"), profile["undo"].erase("until");
  return result;
}

TEST_CASE("cookiewarden_delete_json_and_the_protocol_delete_site_give_the_same_result") {
  for (bool running : {false, true}) {
    CAPTURE(running);
    FakeHome by_cli, by_protocol;
    if (running) {
      mark_chromium_running(by_cli.chromium_profile().parent_path());
      mark_chromium_running(by_protocol.chromium_profile().parent_path());
    }
    CliRun run = cli(by_cli, {"delete", "https://news.keep.test/", "--json"});
    CHECK(run.code == (running ? 3 : 0));
    nlohmann::json from_cli = nlohmann::json::parse(run.out);
    nlohmann::json from_protocol = protocol_delete(by_protocol, {{"site", "https://news.keep.test/"}});
    CHECK(from_cli["profiles"].size() == 2);
    CHECK(from_cli["profiles"][1]["deleted"].get<int>() > 0);
    CHECK(home_relative(without_undo_ids(from_cli), by_cli) == home_relative(without_undo_ids(from_protocol), by_protocol));
    for (const FakeHome* home : {&by_cli, &by_protocol}) {
      RawDb f(home->firefox_profile() / "cookies.sqlite");
      CHECK(f.count("SELECT count(*) FROM moz_cookies WHERE host LIKE '%keep.test'") == 0);
    }
  }
}

TEST_CASE("cookiewarden delete and sites: what is not a site exits 2 with the reason, nothing deleted") {
  FakeHome home;
  auto before = tree_snapshot(home.home());
  for (std::string_view site : {"com", "io", "test", "abcdefghijklmnopabcdefghijklmnop", "1e4f6a63-8d4e-4b8c-9d7c-6a2f1f0e9b11",
                                "chrome-extension://abcdefghijklmnopabcdefghijklmnop/", "about:blank"}) {
    CAPTURE(site);
    CliRun run = cli(home, {"delete", site});
    CHECK(run.code == 2);
    CHECK(run.err.find("not a") != std::string::npos);
    CHECK(run.out.empty());
    CHECK(cli(home, {"sites", site}).code == 2);
  }
  CliRun com = cli(home, {"delete", "com", "--dry-run"});
  CHECK(com.err.find("cookiewarden delete: 'com' is a public suffix, not a site") != std::string::npos);
  CHECK(tree_snapshot(home.home()) == before);
}
