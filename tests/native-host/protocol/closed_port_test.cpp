// The browser closing the native-messaging port (the host's stdin hangs up) while delete_site is
// in the middle of a store, with no signal: the store being committed finishes, the others are
// reported interrupted and left untouched, the host exits, and the next run leaves nothing behind.
#include <unistd.h>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/paused_run.h"
#include "../support/stopped_deletion.h"
#include "frame_codec.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;
using nlohmann::json;

namespace {

constexpr const char* kExtensionId = "abcdefghijklmnopabcdefghijklmnop";

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
  StopScene scene;
  const FakeHome& home = scene.home;
  ProcessResult installed =
      run_process({COOKIEWARDEN_BINARY, "install", "--browser", "chromium", "--extension-id", kExtensionId},
                  {"HOME=" + home.home().string(), "PATH=/usr/bin:/bin"}, "");
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);

  // The host as Chromium starts it, its stdin a pipe we hold.
  RunningHost host = spawn_host({COOKIEWARDEN_BINARY, std::string("chrome-extension://") + kExtensionId + "/"},
                                scene.env(), scene.out, HostStdin::pipe);
  std::string request = frame(R"({"id":7,"cmd":"delete_site","args":{"site":"keep.test"}})");
  REQUIRE(::write(host.stdin_writer, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  // The browser lets the port go: no signal, only the hang-up.
  CHECK(stop_at_first_pause(host.pid, scene.pause, [&] { ::close(host.stdin_writer); }) == 0);

  // The reply still went out (stdout stayed open): the first store was committed, the rest waited.
  auto frames = split_frames(file_bytes(scene.out));
  REQUIRE(frames.size() == 1);
  json reply = json::parse(frames.front());
  REQUIRE(reply["id"] == 7);
  check_stopped_at_first_commit(reply["result"], scene.before);

  ProcessResult next = run_process({COOKIEWARDEN_BINARY, "delete", "nothing.test", "--json"}, host_env(home.home()), "");
  INFO(next.err);
  CHECK(next.exit_code == 0);
  for (const std::string& path : leftovers(home.home())) FAIL_CHECK("left behind: " << path);
}
