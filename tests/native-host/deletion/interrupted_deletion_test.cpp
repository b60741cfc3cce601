// A deletion that is interrupted: killed at its worst moment (between moving a store's folders
// out and committing its rows), asked to stop, or overtaken by a browser taking its profile.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include <doctest/doctest.h>

#include "../support/chromium_quota_fixture.h"
#include "../support/closed_profiles.h"
#include "../support/store_fixtures.h"
#include "../support/subprocess.h"
#include "deletion/site_deletion.h"
#include "platform/commit_gate.h"
#include "platform/stop_request.h"
#include "stores/chromium_indexeddb.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

// Roll-forward is what these tests are about; the journal has tests of its own.
UndoSettings no_undo() {
  UndoSettings settings;
  settings.enabled = false;
  return settings;
}

SiteMatcher site(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

BrowserProfile chromium_profile(const TempDir& dir) {
  fs::path built = make_indexeddb_profile(dir);  // <dir>/Default
  BrowserProfile profile = closed_profile_at(BrowserFamily::chromium, dir / "chromium", "Default");
  fs::rename(built, profile.path);  // over the empty folder closed_profile_at made
  copy_cookie_fixture("chromium156-linux-Cookies.sqlite", profile.path / "Cookies");
  return profile;
}

// Runs `work` in a child process and returns its exit code (doctest checks cannot cross fork).
template <typename Work>
int in_child(Work work) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) ::_exit(work());
  int status = 0;
  ::waitpid(pid, &status, 0);
  return exit_code_of(status);
}

std::int64_t buckets_of(const fs::path& profile, const char* host) {
  return RawDb(profile / "WebStorage" / "QuotaManager")
      .count(std::string("SELECT count(*) FROM buckets WHERE host = '") + host + "'");
}

}  // namespace

TEST_CASE("interrupted: a run killed between moving a store's folders and committing its rows is rolled forward by the next") {
  TempDir dir;
  BrowserProfile profile = chromium_profile(dir);
  fs::path removal = profile.path / ".cookiewarden-removal";
  // Killed right at the commit point: the folders are out of the browser's sight, the rows not yet deleted.
  int code = in_child([&] {
    // The store asks the gate before moving its folders (1st), then before committing its rows (2nd).
    int asked = 0;
    CommitGate die([&asked]() -> std::optional<std::string> {
      if (++asked == 2) ::_exit(9);
      return std::nullopt;
    });
    ChromiumIndexedDbStore store(profile.path);
    store.remove(site("example.test"), false);
    return 0;
  });
  REQUIRE(code == 9);
  // The half-way state the kill left: no folder, the row still there, the removal folder with its intent.
  CHECK_FALSE(fs::exists(profile.path / "IndexedDB" / "http_www.example.test_8765.indexeddb.leveldb"));
  CHECK(buckets_of(profile.path, "www.example.test") == 1);
  REQUIRE(fs::is_directory(removal));
  auto leftovers = std::distance(fs::directory_iterator(removal), fs::directory_iterator());
  CHECK(leftovers == 1);

  // The next run, for another site, finishes the interrupted one first.
  DeletionResult next = delete_site(profile, site("keep.test"), false, no_undo());
  CHECK(next.complete());
  CHECK(next.message.find("finished an interrupted deletion of example.test (chromium_indexeddb)") != std::string::npos);
  CHECK(buckets_of(profile.path, "www.example.test") == 0);
  CHECK(buckets_of(profile.path, "news.keep.test") == 0);
  CHECK(buckets_of(profile.path, "ads.tracker.test") == 1);  // its unpartitioned bucket is no one's to delete
  CHECK_FALSE(fs::exists(removal));
  CHECK(fs::exists(profile.path / "WebStorage" / "4"));
  RawDb quota(profile.path / "WebStorage" / "QuotaManager");
  CHECK(quota.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("interrupted: a stop asked for before a store begins leaves that store and the rest untouched") {
  TempDir dir;
  BrowserProfile profile = chromium_profile(dir);
  auto before = tree_snapshot(dir.path());
  int code = in_child([&] {
    request_stop();
    DeletionResult result = delete_site(profile, site("keep.test"), false, no_undo());
    bool all_interrupted = !result.stores.empty() &&
                           std::all_of(result.stores.begin(), result.stores.end(),
                                       [](const StoreOutcome& s) { return s.skipped == SkipReason::interrupted; });
    return all_interrupted && !result.complete() ? 0 : 1;
  });
  CHECK(code == 0);
  CHECK(tree_snapshot(dir.path()) == before);
}

TEST_CASE("interrupted: a commit the gate refuses is rolled back, and the rows stay") {
  TempDir dir;
  BrowserProfile profile = chromium_profile(dir);
  RawDb cookies(profile.path / "Cookies");
  auto rows = cookies.count("SELECT count(*) FROM cookies");
  {
    // An outer gate (delete_site adds its own inside): both are asked.
    CommitGate refuse([]() -> std::optional<std::string> { return "the browser took the profile"; });
    DeletionResult result = delete_site(profile, site("keep.test"), false, no_undo());
    REQUIRE_FALSE(result.stores.empty());
    CHECK(result.stores.front().store == "chromium_cookies");
    CHECK(result.stores.front().skipped == SkipReason::locked);
    CHECK(result.stores.front().message.find("nothing committed") != std::string::npos);
  }
  CHECK(cookies.count("SELECT count(*) FROM cookies") == rows);
  CHECK(cookies.text("PRAGMA integrity_check") == "ok");
}
