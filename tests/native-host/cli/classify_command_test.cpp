#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_command.h"

namespace {

using nlohmann::json;

struct Run {
  int code;
  std::vector<json> lines;
  std::string err;
};

Run classify(std::vector<std::string_view> args, const std::string& input) {
  args.insert(args.begin(), "classify");
  std::istringstream in(input);
  std::ostringstream out, err;
  int code = cookiewarden::cli::run_cli(args, {in, out, err});
  Run run{code, {}, err.str()};
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) run.lines.push_back(json::parse(line));
  return run;
}

const std::string kShop = R"("top_url": "https://www.shop.example/")";

std::string request(const std::string& url, const std::string& type) {
  return R"({"url": ")" + url + R"(", )" + kShop + R"(, "type": ")" + type + "\"}\n";
}
std::string cookie(const std::string& name, const std::string& domain) {
  return R"({"cookie": {"name": ")" + name + R"(", "domain": ")" + domain + R"("}, )" + kShop + "}\n";
}

}  // namespace

TEST_CASE("classify answers one line per input line, in order, allowing everything by default") {
  auto run = classify({}, request("https://www.google.com/recaptcha/api.js", "script") +
                              request("https://www.google.com/pagead/1p-user-list/1/", "image") +
                              cookie("_ga", ".shop.example") + cookie("PHPSESSID", "www.shop.example"));
  CHECK(run.code == 0);
  REQUIRE(run.lines.size() == 4);
  CHECK(run.lines[0] == json{{"action", "allow"}, {"category", "necessary"}, {"vendor", run.lines[0]["vendor"]},
                             {"rule", run.lines[0]["rule"]}});
  CHECK(run.lines[0]["vendor"].get<std::string>().find("reCAPTCHA") != std::string::npos);
  CHECK(run.lines[1]["category"] == "marketing");
  CHECK(run.lines[1]["action"] == "allow");
  CHECK(run.lines[2]["category"] == "analytics");
  CHECK(run.lines[3]["category"] == "necessary");
}

TEST_CASE("--necessary-only blocks analytics and marketing, not necessary nor unclassified third parties") {
  auto run = classify({"--necessary-only"}, cookie("_ga", ".shop.example") + cookie("csrftoken", "www.shop.example") +
                                                request("https://cdn.nobody-knows.example/x.js", "script") +
                                                request("https://www.shop.example/app.js", "script"));
  REQUIRE(run.lines.size() == 4);
  CHECK(run.lines[0]["action"] == "block");
  CHECK(run.lines[1]["action"] == "allow");
  CHECK(run.lines[2] == json{{"action", "allow"}, {"category", "unknown"}, {"vendor", nullptr}, {"rule", nullptr}});
  CHECK(run.lines[3]["action"] == "allow");
  CHECK(run.lines[3]["category"] == "necessary");
}

TEST_CASE("a bad line gets an error line and the run goes on") {
  auto run = classify({}, "not json\n" + std::string("[1,2]\n") + R"({"top_url": "https://a.example/"})" + "\n" +
                              request("https://x.example/", "teapot") + request("about:blank", "script") + "\n" +
                              cookie("_gid", ".shop.example"));
  CHECK(run.code == 1);
  REQUIRE(run.lines.size() == 7);
  for (int i = 0; i < 6; ++i) {
    CAPTURE(i);
    CHECK(run.lines[i].contains("error"));
    CHECK_FALSE(run.lines[i]["error"].get<std::string>().empty());
  }
  CHECK(run.lines[6]["category"] == "analytics");
}

TEST_CASE("Unicode hosts are converted to punycode before classifying") {
  auto run = classify({}, R"({"url": "https://bücher.example/a.js", "top_url": "https://www.bücher.example/"})" "\n");
  REQUIRE(run.lines.size() == 1);
  CHECK(run.lines[0]["category"] == "necessary");  // same site once both are xn--bcher-kva.example
}

TEST_CASE("stored cookies need no page: decided on their own site, or on their partition's") {
  auto dir = std::filesystem::temp_directory_path() / "cookiewarden-classify-stored-test";
  std::filesystem::create_directories(dir);
  auto path = (dir / "policy.json").string();
  std::ofstream(path) << R"({"defaults": {"analytics": "block", "marketing": "block"},
                            "sites": {"shop.example": {"analytics": "allow"}}})";
  auto run = classify({"--policy", path},
                      R"({"stored_cookie": {"name": "_ga", "domain": ".shop.example"}})" "\n"
                      R"({"stored_cookie": {"name": "_ga", "domain": ".news.example", "path": "/"}})" "\n"
                      R"j({"stored_cookie": {"name": "_ga", "domain": ".widget.example", "partition_key": "(https,shop.example)"}})j" "\n"
                      R"({"stored_cookie": {"name": "unlisted", "domain": ".doubleclick.net"}})" "\n"
                      R"({"stored_cookie": {"name": "sid", "domain": "www.bücher.example", "path": "/account"}})" "\n"
                      R"({"stored_cookie": {"name": "x", "domain": "shop.example", "path": "account"}})" "\n"
                      R"({"stored_cookie": {"domain": "shop.example"}})" "\n");
  CHECK(run.code == 1);
  REQUIRE(run.lines.size() == 7);
  CHECK(run.lines[0]["action"] == "allow");
  CHECK(run.lines[0]["category"] == "analytics");
  CHECK(run.lines[1]["action"] == "block");
  CHECK(run.lines[2]["action"] == "allow");
  CHECK(run.lines[3] == json{{"action", "block"}, {"category", "marketing"}, {"vendor", "Google Ads"}, {"rule", "doubleclick.net"}});
  CHECK(run.lines[4]["category"] == "necessary");
  CHECK(run.lines[5]["error"].get<std::string>().find("path") != std::string::npos);
  CHECK(run.lines[6]["error"].get<std::string>().find("name") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a policy file with a per-site override applies on that site only") {
  auto dir = std::filesystem::temp_directory_path() / "cookiewarden-classify-test";
  std::filesystem::create_directories(dir);
  auto path = (dir / "policy.json").string();
  std::ofstream(path) << R"({"defaults": {"analytics": "block"}, "sites": {"shop.example": {"analytics": "allow"}}})";
  auto run = classify({"--policy", path}, cookie("_ga", ".shop.example") +
                                              R"({"cookie": {"name": "_ga", "domain": ".other.example"}, "top_url": "https://other.example/"})" "\n");
  REQUIRE(run.lines.size() == 2);
  CHECK(run.lines[0]["action"] == "allow");
  CHECK(run.lines[1]["action"] == "block");
  std::filesystem::remove_all(dir);
}

TEST_CASE("a policy file blocking unknown third parties blocks them, not first-party or classified ones") {
  auto dir = std::filesystem::temp_directory_path() / "cookiewarden-classify-unknown-test";
  std::filesystem::create_directories(dir);
  auto path = (dir / "policy.json").string();
  std::ofstream(path) << R"({"unknown_third_party": "block", "sites": {"lenient.example": {"unknown": "allow"}}})";
  auto run = classify({"--policy", path}, request("https://cdn.nobody-knows.example/x.js", "script") +
                                              request("https://www.shop.example/app.js", "script") +
                                              request("https://www.google.com/recaptcha/api.js", "script") +
                                              R"({"url": "https://cdn.nobody-knows.example/x.js", "top_url": "https://www.lenient.example/", "type": "script"})" "\n");
  REQUIRE(run.lines.size() == 4);
  CHECK(run.lines[0]["action"] == "block");
  CHECK(run.lines[0]["category"] == "unknown");
  CHECK(run.lines[1]["action"] == "allow");
  CHECK(run.lines[2]["action"] == "allow");
  CHECK(run.lines[3]["action"] == "allow");
  std::filesystem::remove_all(dir);
}

TEST_CASE("compile writes an engine that classify --engine loads, with list rules") {
  auto dir = std::filesystem::temp_directory_path() / "cookiewarden-compile-test";
  std::filesystem::create_directories(dir);
  auto list = (dir / "list.txt").string();
  auto bin = (dir / "engine.bin").string();
  std::ofstream(list) << "! a list\n||tracker.example^$third-party\nexample.org##.ad\n";
  std::istringstream in;
  std::ostringstream out, err;
  std::string list_spec = list + ":analytics";
  std::vector<std::string_view> args{"compile", "--list", list_spec, "-o", bin};
  int code = cookiewarden::cli::run_cli(args, {in, out, err});
  INFO(err.str());
  REQUIRE(code == 0);
  CHECK(out.str().find("1 rules loaded") != std::string::npos);
  auto run = classify({"--engine", bin}, request("https://px.tracker.example/p.gif", "image"));
  REQUIRE(run.lines.size() == 1);
  CHECK(run.lines[0]["category"] == "analytics");
  CHECK(run.lines[0]["rule"].get<std::string>().find("tracker.example") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("bad options are usage errors, a corrupt engine file a clear failure") {
  CHECK(classify({"--necessary-only", "--policy", "x.json"}, "").code == 2);
  CHECK(classify({"--bogus"}, "").code == 2);
  auto dir = std::filesystem::temp_directory_path() / "cookiewarden-corrupt-test";
  std::filesystem::create_directories(dir);
  auto bin = (dir / "engine.bin").string();
  std::ofstream(bin) << "definitely not an engine";
  auto run = classify({"--engine", bin}, "");
  CHECK(run.code == 1);
  CHECK(run.err.find(bin) != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("an engine file with one flipped byte is refused before it is used") {
  auto dir = std::filesystem::temp_directory_path() / "cookiewarden-flipped-test";
  std::filesystem::create_directories(dir);
  auto bin = (dir / "engine.bin").string();
  std::istringstream in;
  std::ostringstream out, err;
  std::vector<std::string_view> args{"compile", "-o", bin};
  REQUIRE(cookiewarden::cli::run_cli(args, {in, out, err}) == 0);
  {
    std::fstream file(bin, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(0, std::ios::end);
    auto middle = static_cast<std::streamoff>(file.tellg()) / 2;
    file.seekg(middle);
    char byte = 0;
    file.get(byte);
    file.seekp(middle);
    file.put(static_cast<char>(byte ^ 0x5a));
  }
  auto run = classify({"--engine", bin}, cookie("_ga", ".shop.example"));
  CHECK(run.code == 1);
  CHECK(run.lines.empty());
  CHECK(run.err.find("corrupted") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("classify --policy reads the shared policy files as they are, and refuses one blocking necessary naming the file") {
  const std::string fixtures = std::string(WARDEN_SOURCE_DIR) + "/tests/fixtures/policy/";
  const std::string valid = fixtures + "valid/overrides_and_keep.json";
  auto run = classify({"--policy", valid}, cookie("_ga", ".shop.example") + cookie("_fbp", ".shop.example"));
  INFO(run.err);
  REQUIRE(run.lines.size() == 2);
  CHECK(run.lines[0]["action"] == "allow");  // analytics allowed on shop.example by its override
  CHECK(run.lines[1]["action"] == "block");  // marketing blocked by default
  const std::string invalid = fixtures + "invalid/necessary_blocked.json";
  auto refused = classify({"--policy", invalid}, cookie("_ga", ".shop.example"));
  CHECK(refused.code != 0);
  CHECK(refused.lines.empty());
  CHECK(refused.err.find(invalid + ": defaults.necessary: necessary can never be blocked") != std::string::npos);
}
