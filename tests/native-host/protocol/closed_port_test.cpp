// The browser closing the native-messaging port (the host's stdin hangs up) while delete_site is
// in the middle of a store, with no signal: the store being committed finishes, the others are
// reported interrupted and left untouched, the host exits, and the next run leaves nothing behind.
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/fake_profiles.h"
#include "../support/paused_run.h"
#include "../support/subprocess.h"
#include "frame_codec.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;
using nlohmann::json;

namespace {

constexpr const char* kExtensionId = "abcdefghijklmnopabcdefghijklmnop";

std::vector<std::string> host_env(const FakeHome& home, const fs::path& pause) {
  return {"HOME=" + home.home().string(), "XDG_RUNTIME_DIR=" + home.home().string(), "PATH=/usr/bin:/bin",
          "COOKIEWARDEN_TEST_PAUSE_DIR=" + pause.string()};
}

// The host as Chromium starts it, its stdin a pipe we hold and its stdout a file.
pid_t spawn_host(const FakeHome& home, const fs::path& pause, const fs::path& out_file, int& port_writer) {
  int port[2];
  REQUIRE(pipe2(port, O_CLOEXEC) == 0);
  std::vector<std::string> argv{COOKIEWARDEN_BINARY, std::string("chrome-extension://") + kExtensionId + "/"};
  std::vector<std::string> env = host_env(home, pause);
  std::vector<char*> args, envp;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, port[0], 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(port[0]);
  REQUIRE(rc == 0);
  port_writer = port[1];
  return pid;
}

// Our copies and locks that no run may leave once the next one is done.
std::vector<std::string> leftovers(const fs::path& home) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(home)) {
    std::string name = entry.path().filename().string();
    bool removal_entry = entry.path().parent_path().filename() == ".cookiewarden-removal";
    bool ours = name.find(".cookiewarden-") != std::string::npos && name != ".cookiewarden-removal";
    bool scratch = entry.path().parent_path() == home / "cookiewarden";  // XDG_RUNTIME_DIR is the home here
    if (removal_entry || ours || scratch || name == "SingletonLock")
      found.push_back(entry.path().string());
  }
  return found;
}

}  // namespace

TEST_CASE("closed port: stdin hung up mid-store stops delete_site after that store, and the next run leaves nothing") {
  FakeHome home;
  ProcessResult installed =
      run_process({COOKIEWARDEN_BINARY, "install", "--browser", "chromium", "--extension-id", kExtensionId},
                  {"HOME=" + home.home().string(), "PATH=/usr/bin:/bin"}, "");
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);
  RawDb chromium(home.chromium_profile() / "Cookies"), firefox(home.firefox_profile() / "cookies.sqlite");
  auto chromium_rows = chromium.rows("SELECT host_key, name FROM cookies ORDER BY 1, 2");
  auto firefox_rows = firefox.rows("SELECT host, name FROM moz_cookies ORDER BY 1, 2");
  fs::path pause = home.home() / "pause";
  fs::create_directories(pause);
  fs::path out_file = home.home() / "replies";

  int port_writer = -1;
  pid_t pid = spawn_host(home, pause, out_file, port_writer);
  std::string request = frame(R"({"id":7,"cmd":"delete_site","args":{"site":"keep.test"}})");
  REQUIRE(::write(port_writer, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  int status = 0;
  REQUIRE(wait_for_pause(pid, pause, status));
  ::close(port_writer);  // the browser lets the port go: no signal, only the hang-up
  int exit_code = lift_pauses_until_exit(pid, pause);
  CHECK(exit_code == 0);

  // The reply still went out (stdout stayed open): the first store was committed, the rest waited.
  auto frames = split_frames(file_bytes(out_file));
  REQUIRE(frames.size() == 1);
  json reply = json::parse(frames.front());
  REQUIRE(reply["id"] == 7);
  std::vector<std::string> done, interrupted;
  for (const auto& profile : reply["result"]["profiles"])
    for (const auto& store : profile["stores"]) {
      if (store["skipped"].is_null()) done.push_back(store["store"]);
      else if (store["skipped"] == "interrupted") interrupted.push_back(store["store"]);
    }
  REQUIRE(done.size() == 1);
  CHECK(interrupted.size() >= 4);
  bool chromium_first = done.front() == "chromium_cookies";
  REQUIRE((chromium_first || done.front() == "firefox_cookies"));
  CHECK((chromium_first ? chromium : firefox)
            .count(chromium_first ? "SELECT count(*) FROM cookies WHERE host_key LIKE '%keep.test'"
                                  : "SELECT count(*) FROM moz_cookies WHERE host LIKE '%keep.test'") == 0);
  if (chromium_first) CHECK(firefox.rows("SELECT host, name FROM moz_cookies ORDER BY 1, 2") == firefox_rows);
  else CHECK(chromium.rows("SELECT host_key, name FROM cookies ORDER BY 1, 2") == chromium_rows);
  CHECK(fs::exists(home.chromium_profile() / "IndexedDB" / "https_news.keep.test_0.indexeddb.leveldb"));

  ProcessResult next = run_process({COOKIEWARDEN_BINARY, "delete", "nothing.test", "--json"}, host_env(home, ""), "");
  INFO(next.err);
  CHECK(next.exit_code == 0);
  for (const std::string& path : leftovers(home.home())) FAIL_CHECK("left behind: " << path);
}
