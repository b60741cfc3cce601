// `cookiewarden serve` stopped by SIGTERM, SIGINT or SIGHUP while a deletion it runs for the
// dashboard stands in the middle of a store: that store's edit finishes, the others are left
// untouched, and the server exits cleanly (exit 0, "stopped"), its lock released.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "../support/fake_profiles.h"
#include "../support/paused_run.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;
using nlohmann::json;

namespace {

pid_t spawn_serve(const FakeHome& home, const fs::path& pause, const fs::path& out_file) {
  std::vector<std::string> argv{COOKIEWARDEN_BINARY, "serve", "--no-open", "--port", "0"};
  std::vector<std::string> env{"HOME=" + home.home().string(), "XDG_RUNTIME_DIR=" + home.home().string(),
                               "PATH=/usr/bin:/bin", "COOKIEWARDEN_TEST_PAUSE_DIR=" + pause.string()};
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
  return pid;
}

// The one-time link serve --no-open prints: its port and code.
std::pair<int, std::string> printed_link(const fs::path& out_file) {
  const std::string marker = "http://127.0.0.1:";
  for (int tries = 0; tries < 1000; ++tries) {
    std::string out = file_bytes(out_file);
    std::size_t at = out.find(marker), code = out.find("/#code=", at), end = out.find('\n', code);
    if (at != std::string::npos && code != std::string::npos && end != std::string::npos)
      return {std::stoi(out.substr(at + marker.size(), code - at - marker.size())), out.substr(code + 7, end - code - 7)};
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL("serve printed no link");
  return {};
}

// Sends one HTTP request; with `wait_reply`, returns the reply's body.
std::string post(int port, const std::string& path, const std::string& headers, const std::string& body, bool wait_reply) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  std::string host = "127.0.0.1:" + std::to_string(port);
  std::string request = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://" + host + "\r\n" + headers +
                        "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body;
  REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
  std::string reply;
  char chunk[4096];
  for (ssize_t n; wait_reply && (n = recv(fd, chunk, sizeof chunk, 0)) > 0;) reply.append(chunk, static_cast<std::size_t>(n));
  ::close(fd);
  std::size_t head_end = reply.find("\r\n\r\n");
  return head_end == std::string::npos ? "" : reply.substr(head_end + 4);
}

}  // namespace

TEST_CASE("serve stop signals: a dashboard deletion finishes the store in hand, the rest untouched, serve exits 0") {
  for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
    CAPTURE(signal);
    FakeHome home;
    RawDb chromium(home.chromium_profile() / "Cookies"), firefox(home.firefox_profile() / "cookies.sqlite");
    auto chromium_rows = chromium.rows("SELECT host_key, name FROM cookies ORDER BY 1, 2");
    auto firefox_rows = firefox.rows("SELECT host, name FROM moz_cookies ORDER BY 1, 2");
    fs::path pause = home.home() / "pause";
    fs::create_directories(pause);
    fs::path out_file = home.home() / "serve.out";
    pid_t pid = spawn_serve(home, pause, out_file);

    auto [port, code] = printed_link(out_file);
    std::string token = json::parse(post(port, "/token", "", json{{"code", code}}.dump(), true))["token"];
    // Its reply never comes: the server stops before the deletion is answered.
    post(port, "/api", "Authorization: Bearer " + token + "\r\n",
         R"({"id":1,"cmd":"delete_site","args":{"site":"keep.test"}})", false);
    int status = 0;
    REQUIRE(wait_for_pause(pid, pause, status));
    ::kill(pid, signal);
    CHECK(lift_pauses_until_exit(pid, pause) == 0);
    CHECK(file_bytes(out_file).find("cookiewarden serve: stopped") != std::string::npos);

    // Exactly one cookie store lost keep.test (the one being committed); nothing else changed.
    long long chromium_keep = chromium.count("SELECT count(*) FROM cookies WHERE host_key LIKE '%keep.test'");
    long long firefox_keep = firefox.count("SELECT count(*) FROM moz_cookies WHERE host LIKE '%keep.test'");
    bool chromium_first = chromium_keep == 0;
    CHECK((chromium_first ? firefox.rows("SELECT host, name FROM moz_cookies ORDER BY 1, 2") == firefox_rows
                          : chromium.rows("SELECT host_key, name FROM cookies ORDER BY 1, 2") == chromium_rows));
    CHECK((chromium_first || firefox_keep == 0));
    CHECK(fs::exists(home.chromium_profile() / "IndexedDB" / "https_news.keep.test_0.indexeddb.leveldb"));
    CHECK_FALSE(fs::exists(home.chromium_profile().parent_path() / "SingletonLock"));
  }
}
