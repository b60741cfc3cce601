#include "cli/arguments.h"

#include <doctest/doctest.h>

#include <vector>

using cookiewarden::cli::Arguments;
using cookiewarden::cli::ArgumentSpec;

namespace {
warden::Result<Arguments> parse(std::vector<std::string_view> args) {
  return Arguments::parse(args, ArgumentSpec{{"--json", "--dry-run"}, {"--list", "-o", "--policy"}, 1});
}
}  // namespace

TEST_CASE("flags, repeated options, inline values and positionals") {
  auto a = parse({"--list", "a.txt:analytics", "--json", "--list=b.txt:marketing", "-o", "out.bin", "example.test"});
  REQUIRE(a.ok());
  CHECK(a->has("--json"));
  CHECK_FALSE(a->has("--dry-run"));
  CHECK(a->values("--list") == std::vector<std::string>{"a.txt:analytics", "b.txt:marketing"});
  CHECK(a->value("-o") == "out.bin");
  CHECK_FALSE(a->value("--policy").has_value());
  CHECK(a->positionals() == std::vector<std::string>{"example.test"});
}

TEST_CASE("a double dash makes the rest positional") {
  auto a = Arguments::parse(std::vector<std::string_view>{"--", "--json"}, ArgumentSpec{{"--json"}, {}, 1});
  REQUIRE(a.ok());
  CHECK_FALSE(a->has("--json"));
  CHECK(a->positionals().front() == "--json");
}

TEST_CASE("unknown options, missing values and extra arguments are errors that name them") {
  auto unknown = parse({"--jsn"});
  CHECK_FALSE(unknown.ok());
  CHECK(unknown.detail().find("--jsn") != std::string::npos);
  auto missing = parse({"--policy"});
  CHECK_FALSE(missing.ok());
  CHECK(missing.detail().find("--policy") != std::string::npos);
  CHECK_FALSE(parse({"a.test", "b.test"}).ok());
  CHECK_FALSE(parse({"--json=yes"}).ok());
}
