// Test support for the tests that stop a deletion of keep.test in a FakeHome at its first commit
// (a stop signal, the port closing, serve stopped): what the deletion must have done then. The
// cookie store being committed finishes (Chromium's or Firefox's, whichever profile came first),
// the other cookie store keeps every row, and no later store was begun.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "fake_profiles.h"
#include "host_process.h"

namespace cookiewarden::test {

// A report's stores by what became of them.
struct StoreFates {
  std::vector<std::string> done;         // handled (skipped is null)
  std::vector<std::string> interrupted;  // skipped as interrupted
};

// From a deletion report ({"profiles":[{"stores":[...]}]}).
inline StoreFates store_fates(const nlohmann::json& report) {
  StoreFates fates;
  for (const auto& profile : report["profiles"])
    for (const auto& store : profile["stores"]) {
      if (store["skipped"].is_null()) fates.done.push_back(store["store"]);
      else if (store["skipped"] == "interrupted") fates.interrupted.push_back(store["store"]);
    }
  return fates;
}

// Both profiles' cookie rows, taken before the deletion and checked after it.
class CookiesBeforeStop {
 public:
  explicit CookiesBeforeStop(const FakeHome& home)
      : home_(home),
        chromium_(home.chromium_profile() / "Cookies"),
        firefox_(home.firefox_profile() / "cookies.sqlite"),
        chromium_rows_(chromium_.rows(kChromiumRows)),
        firefox_rows_(firefox_.rows(kFirefoxRows)) {}

  // keep.test's cookies are gone from exactly one cookie store, the other holds every row it
  // held, and the later stores (IndexedDB) and the profile lock are as they were. Returns
  // whether the edited store was Chromium's.
  bool check_one_cookie_store_committed() {
    long long chromium_keep = chromium_.count("SELECT count(*) FROM cookies WHERE host_key LIKE '%keep.test'");
    long long firefox_keep = firefox_.count("SELECT count(*) FROM moz_cookies WHERE host LIKE '%keep.test'");
    bool chromium_first = chromium_keep == 0;
    CHECK((chromium_first || firefox_keep == 0));
    if (chromium_first) CHECK(firefox_.rows(kFirefoxRows) == firefox_rows_);
    else CHECK(chromium_.rows(kChromiumRows) == chromium_rows_);
    CHECK(fs::exists(home_.chromium_profile() / "IndexedDB" / "https_news.keep.test_0.indexeddb.leveldb"));
    CHECK_FALSE(fs::exists(home_.chromium_profile().parent_path() / "SingletonLock"));
    return chromium_first;
  }

 private:
  static constexpr const char* kChromiumRows = "SELECT host_key, name FROM cookies ORDER BY 1, 2";
  static constexpr const char* kFirefoxRows = "SELECT host, name FROM moz_cookies ORDER BY 1, 2";

  const FakeHome& home_;
  RawDb chromium_, firefox_;
  std::vector<std::string> chromium_rows_, firefox_rows_;
};

// The scene of such a test: the fake home, its cookies before the deletion, the folder through
// which the host is paused (paused_run.h) and the file its stdout goes to.
struct StopScene {
  FakeHome home;
  CookiesBeforeStop before{home};
  fs::path pause = home.home() / "pause";
  fs::path out = home.home() / "host.out";

  StopScene() { fs::create_directories(pause); }
  // The environment of a host paused before each commit, everything of it in the fake home.
  std::vector<std::string> env() const { return host_env(home.home(), pause); }
};

// A report of that deletion: the one committed store finished, at least four after it interrupted,
// and it is the store whose keep.test cookies are gone.
inline void check_stopped_at_first_commit(const nlohmann::json& report, CookiesBeforeStop& before) {
  StoreFates fates = store_fates(report);
  REQUIRE(fates.done.size() == 1);
  CHECK(fates.interrupted.size() >= 4);
  bool chromium_first = before.check_one_cookie_store_committed();
  CHECK(fates.done.front() == (chromium_first ? "chromium_cookies" : "firefox_cookies"));
}

}  // namespace cookiewarden::test
