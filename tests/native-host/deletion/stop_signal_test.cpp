// SIGTERM (how a browser ends its native host), SIGINT (Ctrl-C) and SIGHUP arriving while
// `cookiewarden delete` is in the middle of a store: that store's edit finishes, the others are
// left untouched and reported as interrupted, and the run ends.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "../support/fake_profiles.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

// Starts `cookiewarden delete keep.test --json` paused before its first commit, sends `signal`,
// lets it go on and collects its report.
Run delete_signalled_at_first_commit(const FakeHome& home, int signal) {
  fs::path pause = home.home() / "pause";
  fs::create_directories(pause);
  fs::path out_file = home.home() / "out.json";
  std::vector<std::string> argv{COOKIEWARDEN_BINARY, "delete", "keep.test", "--json"};
  std::vector<std::string> env{"HOME=" + home.home().string(), "COOKIEWARDEN_TEST_PAUSE_DIR=" + pause.string(),
                               "XDG_RUNTIME_DIR=" + home.home().string()};
  std::vector<char*> args, envp;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), envp.data()) == 0);
  posix_spawn_file_actions_destroy(&actions);
  // Signal once the host stands before its first commit, then let every commit go on.
  bool signalled = false;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (fs::exists(pause / "paused")) {
      if (!signalled) ::kill(pid, signal);
      signalled = true;
      fs::remove(pause / "paused");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(signalled);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), file_bytes(out_file)};
}

}  // namespace

TEST_CASE("stop signals: the store being committed finishes, the rest are interrupted, nothing half-done") {
  for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
    CAPTURE(signal);
    FakeHome home;
    RawDb chromium(home.chromium_profile() / "Cookies"), firefox(home.firefox_profile() / "cookies.sqlite");
    auto chromium_rows = chromium.rows("SELECT host_key, name FROM cookies ORDER BY 1, 2");
    auto firefox_rows = firefox.rows("SELECT host, name FROM moz_cookies ORDER BY 1, 2");
    Run run = delete_signalled_at_first_commit(home, signal);
    REQUIRE(run.exit_code == 3);
    auto report = nlohmann::json::parse(run.out);
    std::vector<std::string> done, interrupted;
    for (const auto& profile : report["profiles"])
      for (const auto& store : profile["stores"]) {
        if (store["skipped"].is_null()) done.push_back(store["store"]);
        else if (store["skipped"] == "interrupted") interrupted.push_back(store["store"]);
      }
    // The first profile's cookie store was being committed: it finished. Everything after it waited.
    REQUIRE(done.size() == 1);
    CHECK(interrupted.size() >= 4);
    bool chromium_first = done.front() == "chromium_cookies";
    CHECK((chromium_first || done.front() == "firefox_cookies"));
    long long chromium_keep = chromium.count("SELECT count(*) FROM cookies WHERE host_key LIKE '%keep.test'");
    long long firefox_keep = firefox.count("SELECT count(*) FROM moz_cookies WHERE host LIKE '%keep.test'");
    CHECK((chromium_first ? chromium_keep : firefox_keep) == 0);
    if (chromium_first) CHECK(firefox.rows("SELECT host, name FROM moz_cookies ORDER BY 1, 2") == firefox_rows);
    else CHECK(chromium.rows("SELECT host_key, name FROM cookies ORDER BY 1, 2") == chromium_rows);
    CHECK_FALSE(fs::exists(home.chromium_profile().parent_path() / "SingletonLock"));
  }
}
