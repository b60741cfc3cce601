#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/protocol_run.h"
#include "../support/running_browser.h"

using namespace cookiewarden;
using namespace cookiewarden::protocol;
using namespace cookiewarden::test;

TEST_CASE("delete_site: every discovered profile, a result per profile and store") {
  FakeHome home;
  long long chromium_expected = 0, firefox_expected = 0;
  {
    RawDb c(home.chromium_profile() / "Cookies");
    chromium_expected = c.count("SELECT count(*) FROM cookies WHERE host_key LIKE '%keep.test'");
    RawDb f(home.firefox_profile() / "cookies.sqlite");
    firefox_expected = f.count("SELECT count(*) FROM moz_cookies WHERE host LIKE '%keep.test' OR originAttributes LIKE '%keep.test%'");
  }
  CommandResult r = run_command(home, "delete_site", {{"site", "https://news.KEEP.test/page"}});
  REQUIRE(r.ok());
  const auto& result = r.result();
  CHECK(result["site"] == "keep.test");
  CHECK(result["complete"] == true);
  CHECK(result["dry_run"] == false);
  REQUIRE(result["profiles"].size() == 2);
  CHECK(result["profiles"][0]["profile"]["browser_id"] == "chromium");
  CHECK(result["profiles"][0]["deleted"] == chromium_expected + 1);  // + the IndexedDB folder
  CHECK(result["profiles"][1]["profile"]["family"] == "firefox");
  CHECK(result["profiles"][1]["stores"][0]["items"].size() == static_cast<std::size_t>(firefox_expected));
  RawDb c(home.chromium_profile() / "Cookies");
  CHECK(c.count("SELECT count(*) FROM cookies WHERE host_key LIKE '%keep.test'") == 0);
}

TEST_CASE("delete_site: targets pick profiles, dry_run changes nothing") {
  FakeHome home;
  auto before = tree_snapshot(home.home());
  CommandResult r = run_command(home, "delete_site", {{"site", "tracker.test"}, {"targets", {"firefox"}}, {"dry_run", true}});
  REQUIRE(r.ok());
  CHECK(r.result()["profiles"].size() == 1);
  CHECK(r.result()["profiles"][0]["dry_run"] == true);
  CHECK(r.result()["profiles"][0]["deleted"] == 6);
  CHECK(tree_snapshot(home.home()) == before);
  CommandResult by_id = run_command(home, "delete_site", {{"site", "tracker.test"}, {"targets", {"chromium/Default"}}, {"dry_run", true}});
  REQUIRE(by_id.ok());
  CHECK(by_id.result()["profiles"].size() == 1);
  CHECK(by_id.result()["profiles"][0]["profile"]["profile_id"] == "Default");
}

TEST_CASE("delete_site: a running browser's profile is listed as skipped and left alone") {
  FakeHome home;
  mark_chromium_running(home.chromium_profile().parent_path());
  auto chromium_before = tree_snapshot(home.chromium_profile());
  CommandResult r = run_command(home, "delete_site", {{"site", "keep.test"}});
  REQUIRE(r.ok());
  CHECK(r.result()["complete"] == false);
  CHECK(r.result()["profiles"][0]["skipped"] == "running");
  CHECK(r.result()["profiles"][0]["message"].get<std::string>().find("Chromium") != std::string::npos);
  CHECK(r.result()["profiles"][1]["complete"] == true);
  CHECK(tree_snapshot(home.chromium_profile()) == chromium_before);
}

TEST_CASE("delete_site: bad arguments are errors, never deletions") {
  FakeHome home;
  auto before = tree_snapshot(home.home());
  auto code = [&](nlohmann::json args) {
    CommandResult r = run_command(home, "delete_site", std::move(args));
    return r.ok() ? std::string("ok") : std::string(error_code_name(r.error().code));
  };
  CHECK(code(nlohmann::json::object()) == "invalid_argument");
  CHECK(code({{"site", 42}}) == "invalid_argument");
  CHECK(code({{"site", ""}}) == "invalid_argument");
  CHECK(code({{"site", "exa mple.com"}}) == "invalid_argument");
  CHECK(code({{"site", "keep.test"}, {"dry_run", "yes"}}) == "invalid_argument");
  CHECK(code({{"site", "keep.test"}, {"targets", "chromium"}}) == "invalid_argument");
  CHECK(code({{"site", "keep.test"}, {"targets", {1}}}) == "invalid_argument");
  CHECK(code({{"site", "keep.test"}, {"targets", {"no-such-browser"}}}) == "not_found");
  CHECK(tree_snapshot(home.home()) == before);
}

TEST_CASE("delete_site: progress before and after each profile, the running one skipped") {
  FakeHome home;
  mark_chromium_running(home.chromium_profile().parent_path());
  std::vector<nlohmann::json> reports;
  CommandResult r = run_command(home, "delete_site", {{"site", "keep.test"}}, [&](const nlohmann::json& report) { reports.push_back(report); });
  REQUIRE(r.ok());
  REQUIRE(reports.size() == 4);
  CHECK(reports[0] == nlohmann::json{{"done", 0}, {"total", 2}, {"browser", "Chromium"}, {"profile", "Person 1"},
                                     {"target", "chromium/Default"}, {"state", "deleting"}});
  CHECK(reports[1] == nlohmann::json{{"done", 1}, {"total", 2}, {"browser", "Chromium"}, {"profile", "Person 1"},
                                     {"target", "chromium/Default"}, {"state", "skipped"}, {"reason", "running"}});
  CHECK(reports[2]["done"] == 1);
  CHECK(reports[2]["state"] == "deleting");
  CHECK(reports[2]["browser"] == "Firefox");
  CHECK(reports[2]["target"] == r.result()["profiles"][1]["profile"]["browser_id"].get<std::string>() + "/abcd.default-esr");
  CHECK(reports[3]["done"] == 2);
  CHECK(reports[3]["state"] == "done");
  CHECK(reports[3]["deleted"] == r.result()["profiles"][1]["deleted"]);
  CHECK(reports[3]["deleted"].get<int>() > 0);
  CHECK(reports[3]["complete"] == true);
  CHECK_FALSE(reports[3].contains("dry_run"));
}

TEST_CASE("delete_site: a dry run's progress says so, and bad arguments report no progress") {
  FakeHome home;
  std::vector<nlohmann::json> reports;
  auto collect = [&](const nlohmann::json& report) { reports.push_back(report); };
  REQUIRE(run_command(home, "delete_site", {{"site", "tracker.test"}, {"targets", {"firefox"}}, {"dry_run", true}}, collect).ok());
  REQUIRE(reports.size() == 2);
  CHECK(reports[0]["dry_run"] == true);
  CHECK(reports[1]["dry_run"] == true);
  CHECK(reports[1]["deleted"] == 6);
  reports.clear();
  CHECK_FALSE(run_command(home, "delete_site", {{"site", "keep.test"}, {"targets", {"no-such-browser"}}}, collect).ok());
  CHECK(reports.empty());
}

TEST_CASE("delete_site: what is not a site is invalid_argument with the reason, and nothing is deleted") {
  FakeHome home;
  const std::string extension_id = "abcdefghijklmnopabcdefghijklmnop";
  // An extension's IndexedDB sits among the sites' folders, under its own origin.
  write_file(home.chromium_profile() / "IndexedDB" / ("chrome-extension_" + extension_id + "_0.indexeddb.leveldb") /
                 "000003.log",
             "extension data");
  auto before = tree_snapshot(home.home());
  for (const auto& [site, reason] : std::vector<std::pair<std::string, std::string>>{
           {"com", "'com' is a public suffix, not a site"},
           {"co.uk", "'co.uk' is a public suffix, not a site"},
           {"test", "'test' is a public suffix, not a site"},
           {extension_id, "is a Chromium extension id, not a site"},
           {"chrome-extension://" + extension_id + "/", "is an extension's address, not a site"},
           {"1e4f6a63-8d4e-4b8c-9d7c-6a2f1f0e9b11", "is a Firefox add-on UUID, not a site"},
           {"file:///home", "is not a web address"}}) {
    CAPTURE(site);
    for (bool dry_run : {false, true}) {
      CommandResult r = run_command(home, "delete_site", {{"site", site}, {"dry_run", dry_run}});
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == ErrorCode::invalid_argument);
      CHECK(r.error().message.find(reason) != std::string::npos);
    }
  }
  CHECK(tree_snapshot(home.home()) == before);
}

TEST_CASE("delete_site: carrd.co (a PRIVATE-section suffix) deletes its own data only, never alice.carrd.co's") {
  FakeHome home;
  {
    RawDb c(home.chromium_profile() / "Cookies");
    c.exec("UPDATE cookies SET host_key = 'carrd.co' WHERE host_key = 'news.keep.test'");
    c.exec("UPDATE cookies SET host_key = '.alice.carrd.co' WHERE host_key = '.keep.test'");
    c.exec("UPDATE cookies SET top_frame_site_key = 'https://alice.carrd.co' WHERE host_key = 'ads.tracker.test' AND name = 'js_ads'");
    c.exec("UPDATE cookies SET top_frame_site_key = 'https://carrd.co' WHERE host_key = 'ads.tracker.test' AND name = 'srv_ads'");
    RawDb f(home.firefox_profile() / "cookies.sqlite");
    f.exec("UPDATE moz_cookies SET host = 'carrd.co' WHERE host = 'news.keep.test'");
    f.exec("UPDATE moz_cookies SET host = '.alice.carrd.co' WHERE host = '.keep.test'");
    f.exec("UPDATE moz_cookies SET originAttributes = '^partitionKey=%28https%2Calice.carrd.co%29' "
           "WHERE originAttributes <> '' AND name = 'js_ads'");
    f.exec("UPDATE moz_cookies SET originAttributes = '^partitionKey=%28https%2Ccarrd.co%29' "
           "WHERE originAttributes <> '' AND name = 'srv_ads'");
  }
  fs::path idb = home.chromium_profile() / "IndexedDB";
  write_file(idb / "https_carrd.co_0.indexeddb.leveldb" / "000003.log", "carrd");
  write_file(idb / "https_alice.carrd.co_0.indexeddb.leveldb" / "000003.log", "alice");

  CommandResult r = run_command(home, "delete_site", {{"site", "https://carrd.co/"}});
  REQUIRE(r.ok());
  CHECK(r.result()["site"] == "carrd.co");
  CHECK(r.result()["complete"] == true);
  RawDb c(home.chromium_profile() / "Cookies");
  CHECK(c.count("SELECT count(*) FROM cookies WHERE host_key = 'carrd.co'") == 0);
  CHECK(c.count("SELECT count(*) FROM cookies WHERE top_frame_site_key = 'https://carrd.co'") == 0);
  CHECK(c.count("SELECT count(*) FROM cookies WHERE host_key = '.alice.carrd.co'") == 1);
  CHECK(c.count("SELECT count(*) FROM cookies WHERE top_frame_site_key = 'https://alice.carrd.co'") == 1);
  RawDb f(home.firefox_profile() / "cookies.sqlite");
  CHECK(f.count("SELECT count(*) FROM moz_cookies WHERE host = 'carrd.co'") == 0);
  CHECK(f.count("SELECT count(*) FROM moz_cookies WHERE originAttributes LIKE '%2Ccarrd.co%29'") == 0);
  CHECK(f.count("SELECT count(*) FROM moz_cookies WHERE host = '.alice.carrd.co'") == 1);
  CHECK(f.count("SELECT count(*) FROM moz_cookies WHERE originAttributes LIKE '%alice.carrd.co%'") == 1);
  CHECK_FALSE(fs::exists(idb / "https_carrd.co_0.indexeddb.leveldb"));
  CHECK(fs::exists(idb / "https_alice.carrd.co_0.indexeddb.leveldb"));
}
