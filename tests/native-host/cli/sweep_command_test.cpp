// `cookiewarden sweep` on the real Chromium 156 and Firefox ESR 153 cookie files of the fake home,
// with two shops' cookies added to them the way the browsers store them (an existing row copied,
// its host, name and partition changed).
#include <unistd.h>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/cli_run.h"
#include "../support/running_browser.h"
#include "../support/session_files.h"
#include "../support/shop_cookies.h"

using namespace cookiewarden::test;

namespace {

// "host name" of every cookie in the profile's file, sorted.
std::vector<std::string> chromium_cookies(const FakeHome& home) {
  RawDb db(home.chromium_profile() / "Cookies");
  return db.rows("SELECT host_key || ' ' || name || ' ' || top_frame_site_key FROM cookies ORDER BY 1");
}
std::vector<std::string> firefox_cookies(const FakeHome& home) {
  RawDb db(home.firefox_profile() / "cookies.sqlite");
  return db.rows("SELECT host || ' ' || name || ' ' || originAttributes FROM moz_cookies ORDER BY 1");
}

std::vector<std::string> without(std::vector<std::string> rows, const std::vector<std::string>& gone) {
  for (const auto& row : gone) {
    auto it = std::find(rows.begin(), rows.end(), row);
    REQUIRE_MESSAGE(it != rows.end(), row);
    rows.erase(it);
  }
  return rows;
}

// A copy of the session's first cookie under another host, name and partition, as Firefox writes
// a session cookie (the partition key is "(https,site)", or absent).
SessionJson session_cookie(const SessionJson& session, const std::string& host, const std::string& name,
                           const std::string& partition_key) {
  SessionJson cookie = session["cookies"].at(0);
  cookie["host"] = host;
  cookie["name"] = name;
  cookie["originAttributes"]["partitionKey"] = partition_key;
  return cookie;
}

}  // namespace

TEST_CASE("cookiewarden_sweep_removes_exactly_what_the_policy_refuses_keeps_the_rest_and_undo_puts_it_back") {
  FakeHome home;
  add_shops(home);
  fs::path policy = write_policy(home);
  auto chromium_before = chromium_cookies(home), firefox_before = firefox_cookies(home);

  CliRun run = run_cli_in(home, {"sweep", "--policy", policy.c_str(), "--json"});
  REQUIRE_MESSAGE(run.code == 0, run.out << run.err);
  auto json = nlohmann::json::parse(run.out);
  REQUIRE(json["profiles"].size() == 2);

  CHECK(chromium_cookies(home) == without(chromium_before, {".doubleclick.net IDE https://shop-a.test",
                                                            ".shop-a.test _fbp ", ".shop-a.test _gcl_au ",
                                                            ".shop-b.test _fbp ", ".shop-b.test _ga ",
                                                            ".shop-b.test _gcl_au ", ".shop-b.test _gid "}));
  CHECK(firefox_cookies(home) ==
        without(firefox_before, {".doubleclick.net IDE ^partitionKey=%28https%2Cshop-a.test%29", ".shop-a.test _fbp ",
                                 ".shop-a.test _gcl_au ", ".shop-b.test _fbp ", ".shop-b.test _ga ",
                                 ".shop-b.test _gcl_au ", ".shop-b.test _gid "}));
  CHECK(RawDb(home.chromium_profile() / "Cookies").text("PRAGMA integrity_check") == "ok");
  CHECK(RawDb(home.firefox_profile() / "cookies.sqlite").text("PRAGMA integrity_check") == "ok");

  for (const auto& profile : json["profiles"]) {
    CHECK(profile["complete"] == true);
    CHECK(profile["cookies"]["removed"] == 7);
    CHECK(profile["cookies"]["categories"]["analytics"]["removed"] == 2);
    CHECK(profile["cookies"]["categories"]["analytics"]["kept"] == 4);  // shop-a's and pinned.test's
    CHECK(profile["cookies"]["categories"]["marketing"]["removed"] == 5);
    CHECK(profile["cookies"]["top_vendors"][0]["vendor"] == "Google Ads");
    REQUIRE(profile["undo"].is_object());
    CliRun undo = run_cli_in(home, {"undo", profile["undo"]["id"].get<std::string>()});
    CHECK_MESSAGE(undo.code == 0, undo.out << undo.err);
  }
  CHECK(chromium_cookies(home) == chromium_before);
  CHECK(firefox_cookies(home) == firefox_before);
}

TEST_CASE("cookiewarden sweep --dry-run changes no byte and says what would go") {
  FakeHome home;
  add_shops(home);
  fs::path policy = write_policy(home);
  auto before = tree_snapshot(home.home());
  CliRun run = run_cli_in(home, {"sweep", "--policy", policy.c_str(), "--dry-run"});
  CHECK_MESSAGE(run.code == 0, run.out << run.err);
  CHECK(tree_snapshot(home.home()) == before);
  CHECK(run.out.find("Chromium / Person 1 (Default): would remove 7 cookies") != std::string::npos);
  CHECK(run.out.find("analytics   kept 4      would remove 2") != std::string::npos);
  CHECK(run.out.find("top vendors: Google Ads 3, Facebook Ads (Meta Pixel) 2, Google Analytics 2") != std::string::npos);
}

TEST_CASE("cookiewarden_sweep_skips_a_running_browser_unchanged_and_sweeps_the_others") {
  FakeHome home;
  add_shops(home);
  mark_chromium_running(home.chromium_profile().parent_path());
  auto chromium_before = file_bytes(home.chromium_profile() / "Cookies");
  auto firefox_before = firefox_cookies(home);
  CliRun run = run_cli_in(home, {"sweep", "--necessary-only"});
  CHECK(run.code == 3);
  CHECK(run.out.find("Chromium / Person 1 (Default): SKIPPED - Chromium is running") != std::string::npos);
  CHECK(file_bytes(home.chromium_profile() / "Cookies") == chromium_before);
  // Necessary only, no site allowed anything: every shop's four go, the keep-list is empty.
  CHECK(firefox_cookies(home).size() == firefox_before.size() - 13);
}

TEST_CASE("cookiewarden sweep needs a policy and refuses a bad one without touching anything") {
  FakeHome home;
  auto before = tree_snapshot(home.home());
  CHECK(run_cli_in(home, {"sweep"}).code == 2);
  write_file(home.home() / "bad.json", R"({"defaults": {"necessary": "block"}})");
  CliRun bad = run_cli_in(home, {"sweep", "--policy", (home.home() / "bad.json").c_str()});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("necessary") != std::string::npos);
  CHECK(run_cli_in(home, {"sweep", "--necessary-only", "--engine", (home.home() / "missing.bin").c_str()}).code == 1);
  fs::remove(home.home() / "bad.json");
  CHECK(tree_snapshot(home.home()) == before);
}

TEST_CASE("cookiewarden_sweep_takes_the_refused_cookies_out_of_Firefox_session_restore_files_too") {
  FakeHome home;
  add_shops(home);
  fs::path policy = write_policy(home);
  // The session files Firefox ESR wrote, with the shops' session cookies added to each: shop-b's
  // _ga (refused), shop-a's _ga (analytics allowed there), pinned.test's _fbp (kept-list) and an
  // ad cookie partitioned under shop-a (refused).
  copy_session_files(home.firefox_profile());
  std::vector<fs::path> files{home.firefox_profile() / "sessionstore.jsonlz4",
                              home.firefox_profile() / "sessionstore-backups" / "previous.jsonlz4"};
  std::vector<SessionJson> expected;
  for (const auto& file : files) {
    SessionJson session = session_of(file);
    expected.push_back(session);
    for (SessionJson* doc : {&session, &expected.back()}) {
      (*doc)["cookies"].push_back(session_cookie(session, ".shop-a.test", "_ga", ""));
      (*doc)["cookies"].push_back(session_cookie(session, ".pinned.test", "_fbp", ""));
    }
    session["cookies"].push_back(session_cookie(session, ".shop-b.test", "_ga", ""));
    session["cookies"].push_back(session_cookie(session, ".doubleclick.net", "IDE", "(https,shop-a.test)"));
    write_session(file, session);
  }

  auto before = tree_snapshot(home.home());
  CliRun dry = run_cli_in(home, {"sweep", "--policy", policy.c_str(), "--dry-run", "--json"});
  REQUIRE_MESSAGE(dry.code == 0, dry.out << dry.err);
  CHECK(tree_snapshot(home.home()) == before);

  CliRun run = run_cli_in(home, {"sweep", "--policy", policy.c_str(), "--json"});
  REQUIRE_MESSAGE(run.code == 0, run.out << run.err);
  // Everything else stays as Firefox wrote it: the fixture's cookies, windows, tabs and their
  // sessionStorage, in Firefox's key order.
  for (std::size_t i = 0; i < files.size(); ++i) CHECK(session_of(files[i]).dump() == expected[i].dump());
  for (const auto& out : {nlohmann::json::parse(dry.out), nlohmann::json::parse(run.out)}) {
    const auto& firefox = out["profiles"][1];
    REQUIRE(firefox["profile"]["family"] == "firefox");
    std::vector<std::string> removed;
    for (const auto& store : firefox["stores"])
      if (store["store"] == "firefox_session_restore")
        for (const auto& item : store["items"]) removed.push_back(item["host"].get<std::string>() + " " + item["name"].get<std::string>());
    std::sort(removed.begin(), removed.end());
    CHECK(removed == std::vector<std::string>{".doubleclick.net IDE", ".doubleclick.net IDE", ".shop-b.test _ga", ".shop-b.test _ga"});
  }
  // The session files are rewritten whole: the journal cannot put them back, and says so.
  auto result = nlohmann::json::parse(run.out);
  CHECK(result["profiles"][1]["undo"]["not_undoable"] == nlohmann::json::array({"firefox_session_restore"}));
}
