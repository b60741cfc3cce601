#include "stores/firefox_session_restore.h"

#include <sys/stat.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "../support/session_files.h"
#include "stores/mozlz4.h"
#include "warden/public_suffix.h"

using namespace cookiewarden;
using namespace cookiewarden::test;
using Json = SessionJson;

namespace {

SiteMatcher site(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

// A profile folder holding copies of the session files Firefox ESR wrote (SESSION-FIXTURES.md).
fs::path copy_profile(const TempDir& dir) { return copy_session_files(dir / "profile"); }

std::string host_of_origin(const std::string& origin) {
  std::string rest = origin.substr(origin.find("://") + 3);
  return rest.substr(0, rest.find_first_of(":/^"));
}

// The test's own rule for the fixture's names, independent of SiteMatcher: a cookie or storage
// origin is example.test's when its host is (a subdomain of) it or its partition key names it.
bool of_example(const std::string& host, const std::string& partition_text) {
  return host == "example.test" || host.ends_with(".example.test") || partition_text.find("example.test") != std::string::npos;
}

// The document with example.test's cookies and storage origins taken out by hand.
Json without_example(Json doc) {
  auto& cookies = doc["cookies"];
  Json kept = Json::array();
  for (auto& c : cookies)
    if (!of_example(c["host"], c["originAttributes"]["partitionKey"])) kept.push_back(c);
  cookies = kept;
  auto clean_tab = [](Json& tab) {
    if (!tab.contains("storage")) return;
    Json storage = Json::object();
    for (auto& [origin, entries] : tab["storage"].items())
      if (!of_example(host_of_origin(origin), origin.find('^') == std::string::npos ? "" : origin.substr(origin.find('^'))))
        storage[origin] = entries;
    tab["storage"] = storage;
  };
  for (auto& window : doc["windows"]) {
    for (auto& tab : window["tabs"]) clean_tab(tab);
    for (auto& closed : window["_closedTabs"]) clean_tab(closed["state"]);
  }
  return doc;
}

std::multiset<std::string> labels(const StoreOutcome& outcome) {
  std::multiset<std::string> out;
  for (const auto& item : outcome.items)
    out.insert(std::string(item_kind_name(item.kind)) + " " + item.host + " " + item.name + " " + item.partition);
  return out;
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("firefox session restore: lists the site's session cookies and sessionStorage, partitioned ones too") {
  TempDir dir;
  fs::path profile = copy_profile(dir);
  FirefoxSessionRestoreStore store(profile / "sessionstore.jsonlz4");
  StoreOutcome outcome = store.inspect(site("example.test"));
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(outcome.store == "firefox_session_restore");
  std::multiset<std::string> expected{
      "cookie www.example.test sess_www ",
      "cookie www.example.test jsess_www ",
      "cookie ads.tracker.test sess_ads https://example.test",
      "cookie ads.tracker.test jsess_ads https://example.test",
      "session_storage https://www.example.test:46267 ss_www ",
      "session_storage https://ads.tracker.test:46267 ss_ads https://example.test",
  };
  CHECK(labels(outcome) == expected);
  CHECK(outcome.count(ItemKind::session_storage) == 2);
  CHECK(outcome.total_bytes() == 2 * std::string("v_www").size());
}

TEST_CASE("firefox session restore: removal keeps every other cookie, window, tab and closed tab, atomic, same mode") {
  TempDir dir;
  fs::path profile = copy_profile(dir);
  fs::path file = profile / "sessionstore.jsonlz4";
  ::chmod(file.c_str(), 0640);
  Json before = session_of(file);
  Json expected = without_example(before);
  REQUIRE(expected != before);
  REQUIRE(expected["cookies"].size() == 4);  // news.keep.test's two and the tracker's under keep.test

  FirefoxSessionRestoreStore store(file);
  StoreOutcome outcome = store.remove(site("example.test"), false);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(outcome.items.size() == 6);
  Json after = session_of(file);
  CHECK(after == expected);
  CHECK(after.dump() == expected.dump());  // key order too
  CHECK(after["windows"].size() == before["windows"].size());
  CHECK(after["_closedWindows"] == before["_closedWindows"]);
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(names_in(profile) == std::set<std::string>{"sessionstore-backups", "sessionstore.jsonlz4"});  // no temp file left

  StoreOutcome again = store.remove(site("example.test"), false);
  CHECK(again.handled());
  CHECK(again.items.empty());
  // keep.test's 4 cookies, its ss_news and the tracker's ss_ads under it are all still there.
  CHECK(store.inspect(site("keep.test")).items.size() == 6);
}

TEST_CASE("firefox session restore: the backups (previous, upgrade) are filtered the same way") {
  TempDir dir;
  fs::path profile = copy_profile(dir);
  auto files = firefox_session_files(profile);
  REQUIRE(files.size() == 3);
  CHECK(files[0] == profile / "sessionstore.jsonlz4");
  CHECK(files[1] == profile / "sessionstore-backups" / "previous.jsonlz4");
  CHECK(files[2].filename().string().starts_with("upgrade.jsonlz4-"));
  for (const auto& file : files) {
    Json expected = without_example(session_of(file));
    FirefoxSessionRestoreStore store(file);
    StoreOutcome outcome = store.remove(site("example.test"), false);
    REQUIRE_MESSAGE(outcome.handled(), outcome.message);
    CHECK(outcome.count(ItemKind::cookie) == 4);
    CHECK(session_of(file) == expected);
  }
}

TEST_CASE("firefox session restore: inspect, a dry run and a site with nothing leave the file byte for byte") {
  TempDir dir;
  fs::path profile = copy_profile(dir);
  fs::path file = profile / "sessionstore.jsonlz4";
  std::string bytes = file_bytes(file);
  struct stat before {};
  ::stat(file.c_str(), &before);
  FirefoxSessionRestoreStore store(file);
  StoreOutcome dry = store.remove(site("example.test"), true);
  REQUIRE(dry.handled());
  CHECK(labels(dry) == labels(store.inspect(site("example.test"))));
  StoreOutcome none = store.remove(site("other.test"), false);
  CHECK(none.handled());
  CHECK(none.items.empty());
  CHECK(file_bytes(file) == bytes);
  struct stat after {};
  ::stat(file.c_str(), &after);
  CHECK(after.st_ino == before.st_ino);
}

TEST_CASE("firefox session restore: undecodable or unparsable files are reported corrupt and left untouched") {
  TempDir dir;
  std::string json_text = R"({"windows":[],"cookies":[{"host":"www.example.test","name":"a"}])";  // cut short
  std::vector<std::pair<std::string, std::string>> cases{
      {"garbage", std::string(100, 'x')},
      {"bad size", std::string(kMozLz4Magic) + "\xFF\xFF\xFF\x7F" + "abc"},
      {"not json", encode_mozlz4("not json at all").value()},
      {"truncated json", encode_mozlz4(json_text).value()},
      {"not an object", encode_mozlz4("[1,2,3]").value()},
      {"too deep", encode_mozlz4(std::string(100000, '[') + std::string(100000, ']')).value()},
  };
  for (const auto& [name, bytes] : cases) {
    fs::path file = dir / (name + ".jsonlz4");
    write_file(file, bytes);
    FirefoxSessionRestoreStore store(file);
    StoreOutcome outcome = store.remove(site("example.test"), false);
    CHECK_MESSAGE(outcome.skipped == SkipReason::corrupt, name);
    CHECK_MESSAGE(outcome.message.find(file.string()) != std::string::npos, name);
    CHECK(outcome.items.empty());
    CHECK_MESSAGE(file_bytes(file) == bytes, name);
    CHECK(store.inspect(site("example.test")).skipped == SkipReason::corrupt);
  }
}

TEST_CASE("firefox session restore: missing, symlinked and non-regular files") {
  TempDir dir;
  CHECK(FirefoxSessionRestoreStore(dir / "sessionstore.jsonlz4").inspect(site("example.test")).skipped ==
        SkipReason::not_present);
  fs::path real = copy_profile(dir) / "sessionstore.jsonlz4";
  fs::create_symlink(real, dir / "link.jsonlz4");
  std::string bytes = file_bytes(real);
  StoreOutcome linked = FirefoxSessionRestoreStore(dir / "link.jsonlz4").remove(site("example.test"), false);
  CHECK(linked.skipped == SkipReason::unsafe_path);
  CHECK(file_bytes(real) == bytes);
  fs::create_directory(dir / "folder.jsonlz4");
  CHECK(FirefoxSessionRestoreStore(dir / "folder.jsonlz4").inspect(site("example.test")).skipped == SkipReason::unsafe_path);
  CHECK(firefox_session_files(dir / "no-profile") == std::vector<fs::path>{dir / "no-profile" / "sessionstore.jsonlz4"});
}

TEST_CASE("filter_session_json: per-window cookies of older versions, subdomains, leading dots, ports in partitions") {
  std::string json = R"J({"windows":[{"tabs":[],"cookies":[
      {"host":".example.test","name":"a","originAttributes":{"partitionKey":""}},
      {"host":"a.b.example.test","name":"b"},
      {"host":"tracker.test","name":"c","originAttributes":{"partitionKey":"(http,example.test,8080)"}},
      {"host":"notexample.test","name":"d"},
      {"host":"tracker.test","name":"e","originAttributes":{"partitionKey":"(https,keep.test)"}}]}],
    "_closedWindows":[{"tabs":[{"entries":[],"storage":{"http://example.test:8080":{"k":"v"},"https://keep.test":{"k":"v"}}}]}],
    "n":1.5,"big":12345678901234567890,"u":"caf\u00e9 \ud83d\ude00"})J";
  auto result = filter_session_json(json, site("example.test"));
  REQUIRE_MESSAGE(result.ok(), result.detail());
  std::set<std::string> names;
  for (const auto& item : result->items) names.insert(item.name);
  CHECK(names == std::set<std::string>{"a", "b", "c", "k"});
  for (const auto& item : result->items)
    if (item.name == "c") CHECK(item.partition == "http://example.test:8080");
  Json after = Json::parse(result->json);
  CHECK(after["windows"][0]["cookies"].size() == 2);
  CHECK(after["_closedWindows"][0]["tabs"][0]["storage"] == Json::parse(R"({"https://keep.test":{"k":"v"}})"));
  CHECK(after["n"] == 1.5);
  CHECK(after["big"].get<std::uint64_t>() == 12345678901234567890ull);
  CHECK(after["u"] == "caf\u00e9 \U0001F600");
}

TEST_CASE("filter_session_json: lone UTF-16 surrogates, as JSON.stringify writes them, survive exactly") {
  // A title cut inside an emoji keeps its lone high surrogate; a stray low one too.
  std::string json = R"J({"windows":[{"tabs":[{"entries":[{"title":"cut \ud83d","url":"x\\ud800"}],)J"
                     R"J("storage":{"https://www.example.test":{"k\udc00":"v"}}}]}],)J"
                     R"J("cookies":[{"host":"keep.test","name":"n\udfff"},{"host":"example.test","name":"\ud800"}]})J";
  auto result = filter_session_json(json, site("example.test"));
  REQUIRE_MESSAGE(result.ok(), result.detail());
  CHECK(result->items.size() == 2);
  CHECK(result->json.find(R"("title":"cut \ud83d")") != std::string::npos);
  CHECK(result->json.find(R"("url":"x\\ud800")") != std::string::npos);  // an escaped backslash, not an escape
  CHECK(result->json.find(R"({"host":"keep.test","name":"n\udfff"})") != std::string::npos);
  CHECK(result->json.find("example.test") == std::string::npos);
  // A document already using the private range the surrogates are parked in is not altered.
  auto parked = filter_session_json("{\"t\":\"\xF3\xB0\x80\x80\",\"u\":\"\\ud800\"}", site("example.test"));
  CHECK_FALSE(parked.ok());
}
