// `cookiewarden serve` stopped by SIGTERM, SIGINT or SIGHUP while a deletion it runs for the
// dashboard stands in the middle of a store: that store's edit finishes, the others are left
// untouched, and the server exits cleanly (exit 0, "stopped"), its lock released.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/paused_run.h"
#include "../support/stopped_deletion.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;
using nlohmann::json;

namespace {

// The one-time link serve --no-open prints: its port and code.
std::pair<int, std::string> printed_link(pid_t pid, const fs::path& out_file) {
  const std::string marker = "http://127.0.0.1:";
  std::string line = wait_for_line(pid, out_file, marker);
  std::size_t at = line.find(marker), code = line.find("/#code=", at);
  REQUIRE(code != std::string::npos);
  return {std::stoi(line.substr(at + marker.size(), code - at - marker.size())), line.substr(code + 7)};
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
    StopScene scene;
    RunningHost serve = spawn_host({COOKIEWARDEN_BINARY, "serve", "--no-open", "--port", "0"}, scene.env(), scene.out);

    auto [port, code] = printed_link(serve.pid, scene.out);
    std::string token = json::parse(post(port, "/token", "", json{{"code", code}}.dump(), true))["token"];
    // Its reply never comes: the server stops before the deletion is answered.
    post(port, "/api", "Authorization: Bearer " + token + "\r\n",
         R"({"id":1,"cmd":"delete_site","args":{"site":"keep.test"}})", false);
    CHECK(stop_at_first_pause(serve.pid, scene.pause, [&] { ::kill(serve.pid, signal); }) == 0);
    CHECK(file_bytes(scene.out).find("cookiewarden serve: stopped") != std::string::npos);
    // Exactly one cookie store lost keep.test (the one being committed); nothing else changed.
    scene.before.check_one_cookie_store_committed();
  }
}
