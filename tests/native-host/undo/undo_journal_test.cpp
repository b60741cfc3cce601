// The journal itself: where it lives, who can read it, listing and pruning, and the commands.
#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "../support/cli_run.h"
#include "../support/protocol_run.h"
#include "deletion/site_deletion.h"
#include "protocol/command.h"
#include "undo/journal_list.h"
#include "undo_support.h"

using namespace cookiewarden;
using namespace cookiewarden::protocol;
using namespace cookiewarden::test;

namespace {

// Sets the umask for a scope: the journal's modes must not depend on it.
class Umask {
 public:
  explicit Umask(mode_t mask) : previous_(::umask(mask)) {}
  ~Umask() { ::umask(previous_); }

 private:
  mode_t previous_;
};

// A journal holding one LevelDB entry, made the way a store makes it.
fs::path small_journal(const UndoSettings& settings, const BrowserProfile& profile, const char* what) {
  std::string error;
  auto journal = DeletionJournal::open(settings, what, profile, error);
  REQUIRE_MESSAGE(journal, error);
  REQUIRE(journal->for_store("test").record_leveldb_keys(profile.path / "db", {{"key", what}}, error));
  fs::path folder = journal->folder();
  REQUIRE(journal->close({}));
  return folder;
}

std::time_t now() { return std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()); }

}  // namespace

TEST_CASE("undo journal: 0700 folders and 0600 files whatever the umask, a loose folder is tightened") {
  TempDir dir;
  Umask loose(0);
  UndoSettings settings = undo_settings_in(dir);
  fs::create_directories(settings.folder.parent_path().parent_path());  // <dir>/state exists, as ~/.local/state does
  fs::permissions(settings.folder.parent_path().parent_path(), fs::perms(0755));
  BrowserProfile profile = closed_profile(dir, BrowserFamily::chromium);
  copy_cookie_fixture("chromium156-linux-Cookies.sqlite", profile.path / "Cookies");
  write_file(profile.path / "IndexedDB" / "https_news.keep.test_0.indexeddb.leveldb" / "000003.log", "idb");

  DeletionResult result = delete_site(profile, site_named("keep.test"), false, settings);
  REQUIRE_MESSAGE(result.complete(), result.message);
  REQUIRE(result.undo);
  fs::path journal = settings.folder / result.undo->id;
  CHECK(mode_of(settings.folder.parent_path().parent_path()) == 0755);  // an existing parent is left alone
  CHECK(mode_of(settings.folder.parent_path()) == 0700);                 // created: cookiewarden/
  CHECK(mode_of(settings.folder) == 0700);
  CHECK(mode_of(journal) == 0700);
  CHECK(mode_of(journal / "folders") == 0700);
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(journal)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    CHECK_MESSAGE(mode_of(entry.path()) == 0600, entry.path());
  }
  CHECK(files == 3);  // manifest.json, store-1.json (cookies), store-N.json (IndexedDB)

  // A journal folder someone loosened is made private again at the next deletion.
  fs::permissions(settings.folder, fs::perms(0755));
  copy_cookie_fixture("chromium156-linux-Cookies.sqlite", profile.path / "Cookies");
  DeletionResult again = delete_site(profile, site_named("keep.test"), false, settings);
  REQUIRE(again.undo);
  CHECK(mode_of(settings.folder) == 0700);
}

TEST_CASE("undo journal: a symlinked journal folder refuses the deletion, nothing is deleted") {
  TempDir dir;
  UndoSettings settings = undo_settings_in(dir);
  fs::create_directories(dir / "elsewhere");
  fs::create_directories(settings.folder.parent_path());
  fs::create_directory_symlink(dir / "elsewhere", settings.folder);
  BrowserProfile profile = closed_profile(dir, BrowserFamily::chromium);
  copy_cookie_fixture("chromium156-linux-Cookies.sqlite", profile.path / "Cookies");
  auto before = tree_snapshot(profile.path);

  DeletionResult result = delete_site(profile, site_named("keep.test"), false, settings);
  CHECK(result.skipped == SkipReason::io_error);
  CHECK(result.message.find("symlink") != std::string::npos);
  CHECK(result.message.find("--no-undo") != std::string::npos);
  CHECK(result.stores.empty());
  CHECK(tree_snapshot(profile.path) == before);
  CHECK(fs::is_empty(dir / "elsewhere"));

  settings.enabled = false;  // --no-undo: deletes, records nothing
  DeletionResult unjournaled = delete_site(profile, site_named("keep.test"), false, settings);
  CHECK(unjournaled.complete());
  CHECK(unjournaled.deleted_count() == 3);
  CHECK_FALSE(unjournaled.undo);
  CHECK(fs::is_empty(dir / "elsewhere"));
}

TEST_CASE("undo journal: nothing deleted, nothing kept, and dry runs record nothing") {
  TempDir dir;
  UndoSettings settings = undo_settings_in(dir);
  BrowserProfile profile = closed_profile(dir, BrowserFamily::chromium);
  copy_cookie_fixture("chromium156-linux-Cookies.sqlite", profile.path / "Cookies");
  CHECK_FALSE(delete_site(profile, site_named("keep.test"), true, settings).undo);
  DeletionResult none = delete_site(profile, site_named("absent.test"), false, settings);
  CHECK(none.complete());
  CHECK_FALSE(none.undo);
  CHECK(list_journals(settings.folder).empty());
  CHECK(fs::is_empty(settings.folder));
}

TEST_CASE("undo journal: listed newest first, pruned by age and by total size") {
  TempDir dir;
  UndoSettings settings = undo_settings_in(dir);
  BrowserProfile profile = closed_profile(dir, BrowserFamily::chromium);
  fs::path first = small_journal(settings, profile, "first");
  fs::path second = small_journal(settings, profile, "second");
  settings.keep_days = 30;
  fs::path third = small_journal(settings, profile, "third");

  auto journals = list_journals(settings.folder);
  REQUIRE(journals.size() == 3);
  CHECK(journals[0].folder == third);
  CHECK(journals[2].folder == first);
  CHECK(journals[2].description == "first");
  CHECK(journals[2].complete);
  CHECK(journals[2].profile.path == profile.path);
  CHECK(journals[0].until_epoch - journals[1].until_epoch >= 23 * 24 * 3600);

  // Eight days on, the two 7-day journals can no longer be undone, then pruning removes them.
  CHECK(undoable_journals(settings.folder, now() + 8 * 24 * 3600).size() == 1);
  std::string expired_error;
  bool expired_missing = false;
  CHECK(journals_named(settings.folder, {first.filename().string()}, now() + 8 * 24 * 3600, expired_error,
                       expired_missing).empty());
  CHECK(expired_missing);
  prune_journals(settings, now() + 8 * 24 * 3600);
  journals = list_journals(settings.folder);
  REQUIRE(journals.size() == 1);
  CHECK(journals[0].folder == third);

  // Over the size cap, the oldest go first.
  fs::path fourth = small_journal(settings, profile, "fourth");
  journals = list_journals(settings.folder);
  REQUIRE(journals.size() == 2);
  settings.max_bytes = journals[0].bytes + 1;
  prune_journals(settings, now());
  journals = list_journals(settings.folder);
  REQUIRE(journals.size() == 1);
  CHECK(journals[0].folder == fourth);

  // An id that could name another folder is refused before it reaches the file system.
  std::string error;
  bool missing = false;
  CHECK(journals_named(settings.folder, {"../" + fourth.filename().string()}, now(), error, missing).empty());
  CHECK_FALSE(missing);
  CHECK(journals_named(settings.folder, {"20200101T000000000Z-abcdef"}, now(), error, missing).empty());
  CHECK(missing);
  CHECK(journals_named(settings.folder, {}, now(), error, missing) == std::vector<fs::path>{fourth});
}

TEST_CASE("cookiewarden delete then undo: every profile back, the report names the undo ID") {
  FakeHome home;
  std::vector<std::string> chromium_before, firefox_before;
  {
    RawDb c(home.chromium_profile() / "Cookies");
    chromium_before = exact_rows(c, "cookies", "1");
    RawDb f(home.firefox_profile() / "cookies.sqlite");
    firefox_before = exact_rows(f, "moz_cookies", "1");
  }
  auto idb = tree_snapshot(home.chromium_profile() / "IndexedDB");

  CliRun deleted = run_cli_in(home, {"delete", "keep.test", "--json"});
  REQUIRE_MESSAGE(deleted.code == 0, deleted.err);
  auto json = nlohmann::json::parse(deleted.out);
  std::string chromium_id = json["profiles"][0]["undo"]["id"], firefox_id = json["profiles"][1]["undo"]["id"];
  CHECK(json["profiles"][0]["undo"]["until"].get<std::string>().size() == 20);
  fs::path undo_folder = home.home() / ".local" / "state" / "cookiewarden" / "undo";
  CHECK(fs::is_directory(undo_folder / chromium_id));
  CHECK_FALSE(fs::exists(home.chromium_profile() / "IndexedDB" / "https_news.keep.test_0.indexeddb.leveldb"));

  CliRun listed = run_cli_in(home, {"undo", "--list"});
  CHECK(listed.code == 0);
  CHECK(listed.out.find(firefox_id + "  keep.test in Firefox") != std::string::npos);
  CHECK(listed.out.find(chromium_id + "  keep.test in Chromium") != std::string::npos);

  CliRun newest = run_cli_in(home, {"undo"});  // the newest: Firefox's
  REQUIRE_MESSAGE(newest.code == 0, newest.err);
  CHECK(newest.out.find(firefox_id) != std::string::npos);
  CHECK(newest.out.find("restored 6 items") != std::string::npos);
  CliRun named = run_cli_in(home, {"undo", chromium_id});
  REQUIRE_MESSAGE(named.code == 0, named.err);
  CHECK(named.out.find("restored 4 items") != std::string::npos);  // 3 cookies + the IndexedDB folder

  RawDb c(home.chromium_profile() / "Cookies");
  CHECK(exact_rows(c, "cookies", "1") == chromium_before);
  RawDb f(home.firefox_profile() / "cookies.sqlite");
  CHECK(exact_rows(f, "moz_cookies", "1") == firefox_before);
  CHECK(tree_snapshot(home.chromium_profile() / "IndexedDB") == idb);
  CHECK(run_cli_in(home, {"undo", "--list"}).out == "Nothing to undo.\n");
  CliRun again = run_cli_in(home, {"undo", chromium_id});
  CHECK(again.code == 1);
  CHECK(again.err.find("no undo journal") != std::string::npos);
  CHECK(run_cli_in(home, {"undo", "not-an-id"}).code == 2);

  CliRun text = run_cli_in(home, {"delete", "keep.test", "--browser", "firefox"});
  CHECK(text.code == 0);
  CHECK(text.out.find("  undo: 'cookiewarden undo 2") != std::string::npos);
  REQUIRE(run_cli_in(home, {"undo"}).code == 0);

  CliRun unjournaled = run_cli_in(home, {"delete", "keep.test", "--no-undo"});
  CHECK(unjournaled.code == 0);
  CHECK(unjournaled.out.find("cookiewarden undo") == std::string::npos);
  CHECK(fs::is_empty(undo_folder));
  CHECK(run_cli_in(home, {"delete", "keep.test", "--undo-days", "0"}).code == 2);
}

TEST_CASE("protocol undo_list and undo: what the popup's Undo button calls") {
  FakeHome home;
  auto call = [&](const char* cmd, nlohmann::json args) { return run_command(home, cmd, std::move(args)); };

  CommandResult deleted = call("delete_site", {{"site", "keep.test"}, {"targets", {"firefox"}}});
  REQUIRE(deleted.ok());
  std::string id = deleted.result()["profiles"][0]["undo"]["id"];
  CHECK(fs::is_directory(home.home() / ".local" / "state" / "cookiewarden" / "undo" / id));

  CommandResult listed = call("undo_list", nlohmann::json::object());
  REQUIRE(listed.ok());
  REQUIRE(listed.result()["journals"].size() == 1);
  CHECK(listed.result()["journals"][0]["id"] == id);
  CHECK(listed.result()["journals"][0]["profile"]["family"] == "firefox");

  CHECK(call("undo", {{"ids", {"../../x"}}}).error().code == ErrorCode::invalid_argument);
  CHECK(call("undo", {{"ids", "x"}}).error().code == ErrorCode::invalid_argument);
  CommandResult dry = call("undo", {{"ids", {id}}, {"dry_run", true}});
  REQUIRE(dry.ok());
  CHECK(dry.result()["undone"][0]["restored"] == 6);
  CommandResult undone = call("undo", {{"ids", {id}}});
  REQUIRE(undone.ok());
  CHECK(undone.result()["complete"] == true);
  CHECK(undone.result()["undone"][0]["restored"] == 6);
  CHECK(undone.result()["undone"][0]["stores"][0]["store"] == "firefox_cookies");
  CHECK(call("undo", {{"ids", {id}}}).error().code == ErrorCode::not_found);
  CHECK(call("undo_list", nlohmann::json::object()).result()["journals"].empty());
}
