#include "warden/policy.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

using warden::Action;
using warden::Category;
using warden::Policy;

namespace {

// The fixtures the extension's tests read too (tests/extension/policy_test.mjs): one set of
// policies both parsers must agree on.
const std::filesystem::path kFixtures = std::filesystem::path(WARDEN_SOURCE_DIR) / "tests/fixtures/policy";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json read_json(const std::filesystem::path& path) { return nlohmann::json::parse(read_text(path)); }

std::vector<std::filesystem::path> fixtures_in(const char* folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(kFixtures / folder)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  return files;
}

Category category(const nlohmann::json& name) { return *warden::parse_category(name.get<std::string>()); }

}  // namespace

TEST_CASE("necessary is always allowed, whatever the policy says") {
  Policy p = Policy::necessary_only();
  p.set_default(Category::necessary, Action::block);
  p.set_site("shop.example", Category::necessary, Action::block);
  CHECK(p.action_for("shop.example", Category::necessary) == Action::allow);
}

TEST_CASE("necessary only refuses every other consent category and leaves unknown third parties allowed") {
  Policy p = Policy::necessary_only();
  for (auto c : {Category::functional, Category::analytics, Category::social, Category::marketing})
    CHECK(p.action_for("any.example", c) == Action::block);
  CHECK(p.action_for("any.example", Category::unknown) == Action::allow);
  p.set_unknown_third_party(Action::block);
  CHECK(p.action_for("any.example", Category::unknown) == Action::block);
}

TEST_CASE("a site override wins over the default only on that site") {
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::analytics, Action::allow);
  CHECK(p.action_for("shop.example", Category::analytics) == Action::allow);
  CHECK(p.action_for("other.example", Category::analytics) == Action::block);
  CHECK(p.action_for("shop.example", Category::marketing) == Action::block);
  p.set_site("shop.example", Category::analytics, std::nullopt);
  CHECK(p.sites().empty());
}

TEST_CASE("a kept site keeps every category's stored data but its writes are still decided by the categories") {
  Policy p = Policy::necessary_only();
  p.keep_site("bank.example");
  CHECK(p.kept("bank.example"));
  CHECK_FALSE(p.kept("www.bank.example"));
  for (auto c : warden::kAllCategories) CHECK(p.keeps("bank.example", c));
  CHECK(p.action_for("bank.example", Category::marketing) == Action::block);
  CHECK_FALSE(p.keeps("news.example", Category::marketing));
  CHECK(p.keeps("news.example", Category::necessary));
  p.set_site("news.example", Category::marketing, Action::allow);
  CHECK(p.keeps("news.example", Category::marketing));
}

TEST_CASE("policy JSON round-trips, keep-list included") {
  auto parsed = warden::parse_policy(
      R"({"defaults":{"analytics":"block","marketing":"block"},"unknown_third_party":"block",)"
      R"("sites":{"shop.example":{"analytics":"allow"}},"keep":["bank.example"]})");
  REQUIRE(parsed.ok());
  CHECK(parsed->action_for("shop.example", Category::analytics) == Action::allow);
  CHECK(parsed->action_for("x.example", Category::analytics) == Action::block);
  CHECK(parsed->action_for("x.example", Category::social) == Action::allow);
  CHECK(parsed->unknown_third_party() == Action::block);
  auto again = warden::parse_policy(warden::policy_to_json(*parsed));
  REQUIRE(again.ok());
  CHECK(again->kept("bank.example"));
  CHECK(warden::policy_to_json(*again) == warden::policy_to_json(*parsed));
}

TEST_CASE("the shared valid policy fixtures parse and decide as expected") {
  const auto expectations = read_json(kFixtures / "expectations.json");
  for (const auto& file : fixtures_in("valid")) {
    const auto name = file.filename().string();
    CAPTURE(name);
    REQUIRE_MESSAGE(expectations.contains(name), "every fixture has its expectations");
    const auto& expected = expectations[name];
    auto policy = warden::parse_policy(read_text(file));
    REQUIRE_MESSAGE(policy.ok(), policy.detail());
    for (const auto& row : expected["actions"]) {
      CAPTURE(row.dump());
      CHECK(action_name(policy->action_for(row[0].get<std::string>(), category(row[1]))) == row[2].get<std::string>());
    }
    for (const auto& row : expected["keeps"]) {
      CAPTURE(row.dump());
      CHECK(policy->keeps(row[0].get<std::string>(), category(row[1])) == row[2].get<bool>());
    }
    CHECK(nlohmann::json(policy->kept_sites()) == expected["kept"]);
    auto again = warden::parse_policy(warden::policy_to_json(*policy));
    REQUIRE(again.ok());
    CHECK(warden::policy_to_json(*again) == warden::policy_to_json(*policy));
  }
}

TEST_CASE("the shared invalid policy fixtures are refused with the message the extension gives too") {
  const auto errors = read_json(kFixtures / "errors.json");
  for (const auto& file : fixtures_in("invalid")) {
    const auto name = file.filename().string();
    CAPTURE(name);
    REQUIRE_MESSAGE(errors.contains(name), "every fixture has its expected error");
    auto policy = warden::parse_policy(read_text(file));
    REQUIRE_FALSE(policy.ok());
    CHECK(policy.status() == warden::Status::invalid_policy);
    CHECK_MESSAGE(policy.detail().find(errors[name].get<std::string>()) != std::string::npos, policy.detail());
  }
}

TEST_CASE("old settings exports are not policies: the engine names the first key it does not know") {
  for (const auto& file : fixtures_in("old")) {
    CAPTURE(file.filename().string());
    auto policy = warden::parse_policy(read_text(file));
    REQUIRE_FALSE(policy.ok());
    CHECK(policy.detail().find("unknown policy key") != std::string::npos);
  }
}

TEST_CASE("malformed JSON is refused with a message") {
  for (const char* bad : {"", "{", "nul"}) {
    CAPTURE(bad);
    auto p = warden::parse_policy(bad);
    REQUIRE_FALSE(p.ok());
    CHECK(p.detail() == "the policy is not valid JSON");
  }
}
