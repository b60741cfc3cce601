#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_command.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run compile(std::vector<std::string> args) {
  std::vector<std::string_view> views{"compile"};
  for (const auto& a : args) views.push_back(a);
  std::istringstream in;
  std::ostringstream out, err;
  int code = cookiewarden::cli::run_cli(views, {in, out, err});
  return {code, out.str(), err.str()};
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("cw-compile-test-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in, nullptr, false);
}

bool blocks_domain(const json& ruleset, const std::string& host) {
  for (const auto& rule : ruleset) {
    if (rule["action"]["type"] != "block") continue;
    for (const auto& d : rule["condition"].value("requestDomains", json::array())) if (d == host) return true;
  }
  return false;
}

const std::string kEasyPrivacy = (fs::path(WARDEN_SOURCE_DIR) / "engine/rules/lists/easyprivacy.txt").string();

}  // namespace

TEST_CASE("compile_dnr_static_writes_one_ruleset_per_category_with_a_real_list_host_rules_in_its_category") {
  TempDir dir;
  auto run = compile({"--list", kEasyPrivacy + ":analytics", "--dnr-static", (dir.path / "rulesets").string(), "-o",
                      (dir.path / "engine.bin").string()});
  REQUIRE_MESSAGE(run.code == 0, run.err);
  auto analytics = read_json(dir.path / "rulesets" / "warden_analytics.json");
  REQUIRE(analytics.is_array());
  CHECK(blocks_domain(analytics, "heap-api.com"));                // only EasyPrivacy lists it
  CHECK(blocks_domain(analytics, "google-analytics.com"));        // a built-in vendor host
  auto marketing = read_json(dir.path / "rulesets" / "warden_marketing.json");
  REQUIRE(marketing.is_array());
  CHECK_FALSE(blocks_domain(marketing, "heap-api.com"));
  CHECK_FALSE(fs::exists(dir.path / "rulesets" / "warden_necessary.json"));
  CHECK(run.out.find("chromium (330000 static rules, 50 enabled rulesets): all fit") != std::string::npos);
  CHECK(run.out.find("warden_analytics.json: ") != std::string::npos);
}

TEST_CASE("--dnr-static into a path that cannot be a directory fails with a message, after writing the engine") {
  TempDir dir;
  std::ofstream(dir.path / "a-file") << "x";
  auto run = compile({"--dnr-static", (dir.path / "a-file" / "rulesets").string(), "-o", (dir.path / "engine.bin").string()});
  CHECK(run.code == 1);
  CHECK(run.err.find("cannot create") != std::string::npos);
  CHECK(fs::exists(dir.path / "engine.bin"));
}

TEST_CASE("--stats prints every section of the buffer with its bytes, which add up to the buffer") {
  TempDir dir;
  auto run = compile({"--stats", "--list", kEasyPrivacy + ":analytics", "-o", (dir.path / "engine.bin").string()});
  REQUIRE_MESSAGE(run.code == 0, run.err);
  std::istringstream lines(run.out);
  std::size_t sections = 0, bytes = 0;
  bool host_rules = false;
  for (std::string line; std::getline(lines, line);) {
    std::size_t colon = line.find(": ");
    if (!line.starts_with("  ") || colon == std::string::npos || !line.ends_with(" bytes")) continue;
    ++sections;
    bytes += std::stoul(line.substr(colon + 2));
    host_rules = host_rules || line.starts_with("  host_rules: ");
  }
  CHECK(sections > 10);
  CHECK(host_rules);
  // The header, the section table, each section's alignment to 4 bytes and the CRC are the rest.
  const auto size = fs::file_size(dir.path / "engine.bin");
  CHECK(bytes < size);
  CHECK(size - bytes <= 20 + sections * 8 + sections * 3 + 4);
}
