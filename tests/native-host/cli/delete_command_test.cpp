#include <unistd.h>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/cli_run.h"

using namespace cookiewarden::test;

namespace {
CliRun cli(const FakeHome& home, std::vector<std::string_view> args) { return run_cli_in(home, std::move(args)); }
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
  char host[256] = {};
  REQUIRE(::gethostname(host, sizeof host - 1) == 0);
  fs::create_symlink(std::string(host) + "-" + std::to_string(::getpid()),
                     home.chromium_profile().parent_path() / "SingletonLock");
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
