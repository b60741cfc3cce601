// The built `cookiewarden` binary launched the way a browser launches it, over real pipes.
#include "protocol/native_host.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/store_fixtures.h"
#include "../support/subprocess.h"
#include "frame_codec.h"

using namespace cookiewarden::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kExtensionId = "abcdefghijklmnopabcdefghijklmnop";
const std::string kOrigin = std::string("chrome-extension://") + kExtensionId + "/";

std::vector<std::string> env_for(const fs::path& home) {
  return {"HOME=" + home.string(), "PATH=/usr/bin:/bin"};
}

ProcessResult run_host(const std::vector<std::string>& args, const fs::path& home, const std::string& input = "") {
  std::vector<std::string> argv{COOKIEWARDEN_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env_for(home), input);
}

std::vector<json> replies(const ProcessResult& r) {
  std::vector<json> out;
  for (const auto& m : split_frames(r.out)) out.push_back(json::parse(m));
  return out;
}

}  // namespace

TEST_CASE("native host binary: installed for an extension, it answers that extension over stdio") {
  TempDir home;
  fs::create_directories(home / ".config/chromium/Default");
  write_file(home / ".config/chromium/Default/Preferences", "{}");
  ProcessResult installed = run_host({"install", "--browser", "chromium", "--extension-id", kExtensionId}, home.path());
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);

  std::string input = frame(R"({"id":1,"cmd":"hello"})") + frame(R"({"id":2,"cmd":"browsers"})") +
                      frame("{\"id\":3,\"cmd\":\"hello\",\"args\":{\"x\":\"\xC0\xAF\"}}") +
                      frame(R"({"id":4,"cmd":"no_such"})");
  ProcessResult r = run_host({kOrigin}, home.path(), input);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  auto got = replies(r);
  REQUIRE(got.size() == 4);
  CHECK(got[0]["id"] == 1);
  CHECK(got[0]["result"]["name"] == "cookiewarden");
  CHECK(got[0]["result"]["os"] == "linux");
  CHECK(got[1]["result"]["profiles"].size() == 1);
  CHECK(got[1]["result"]["profiles"][0]["browser_id"] == "chromium");
  CHECK(got[1]["result"]["profiles"][0]["running"]["running"] == false);
  CHECK(got[2]["error"]["code"] == "invalid_utf8");
  CHECK(got[3]["error"]["code"] == "unknown_command");
  CHECK(got[3]["id"] == 4);
}

TEST_CASE("native host binary: an extension it was not installed for gets not_allowed and the host exits") {
  TempDir home;
  ProcessResult r = run_host({"chrome-extension://pppppppppppppppppppppppppppppppp/"}, home.path(),
                                 frame(R"({"id":"x","cmd":"hello"})") + frame(R"({"id":"y","cmd":"hello"})"));
  CHECK(r.exit_code == 1);
  auto got = replies(r);
  REQUIRE(got.size() == 1);
  CHECK(got[0]["id"] == "x");
  CHECK(got[0]["error"]["code"] == "not_allowed");
}

TEST_CASE("native host binary: Firefox launch (manifest path + add-on id) and a garbage stream") {
  TempDir home;
  ProcessResult installed = run_host({"install", "--browser", "firefox", "--firefox-id", "e2e@example.com"}, home.path());
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);
  fs::path manifest = home / ".mozilla/native-messaging-hosts/org.cookiewarden.host.json";
  REQUIRE(fs::exists(manifest));

  ProcessResult r = run_host({manifest.string(), "e2e@example.com"}, home.path(),
                                 frame(R"({"id":1,"cmd":"hello"})") + le32(0xFFFFFFF0u) + "junk");
  CHECK(r.exit_code == 1);
  auto got = replies(r);
  REQUIRE(got.size() == 2);
  CHECK(got[0]["result"]["protocol"] == 1);
  CHECK(got[1]["error"]["code"] == "too_large");

  ProcessResult wrong = run_host({manifest.string(), "other@example.com"}, home.path(), frame(R"({"id":1,"cmd":"hello"})"));
  CHECK(wrong.exit_code == 1);
  CHECK(replies(wrong).at(0)["error"]["code"] == "not_allowed");
}
