#include "warden/policy.h"

#include <doctest/doctest.h>

using warden::Action;
using warden::Category;
using warden::Policy;

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

TEST_CASE("policy JSON round-trips") {
  auto parsed = warden::parse_policy(
      R"({"defaults":{"analytics":"block","marketing":false},"unknown_third_party":"block",)"
      R"("sites":{"shop.example":{"analytics":"allow"}}})");
  REQUIRE(parsed.ok());
  CHECK(parsed->action_for("shop.example", Category::analytics) == Action::allow);
  CHECK(parsed->action_for("x.example", Category::analytics) == Action::block);
  CHECK(parsed->action_for("x.example", Category::marketing) == Action::block);
  CHECK(parsed->action_for("x.example", Category::social) == Action::allow);
  CHECK(parsed->unknown_third_party() == Action::block);
  auto again = warden::parse_policy(warden::policy_to_json(*parsed));
  REQUIRE(again.ok());
  CHECK(warden::policy_to_json(*again) == warden::policy_to_json(*parsed));
}

TEST_CASE("malformed policies are rejected with a message naming the problem") {
  for (const char* bad : {"", "[]", "{", R"({"defaults":{"adverts":"block"}})", R"({"defaults":{"analytics":"maybe"}})",
                          R"({"sites":[]})", R"({"sites":{"a.example":{"social":3}}})", R"({"colour":"red"})"}) {
    CAPTURE(bad);
    auto p = warden::parse_policy(bad);
    CHECK_FALSE(p.ok());
    CHECK(p.status() == warden::Status::invalid_policy);
    CHECK_FALSE(p.detail().empty());
  }
}
