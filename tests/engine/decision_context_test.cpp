// The engine keeps no state between calls: what deciding reuses lives in the caller's
// DecisionContext, so a decision is a function of (engine, policy, context, input), and threads
// that each hold a context may decide with one engine at once.
#include "warden/decision_context.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "engine/default_engine.h"
#include "warden/engine.h"

using namespace warden;
using warden::test::default_engine;

namespace {

// Analytics refused except on shop.example: the same request is allowed or blocked by its page.
Policy policy() {
  Policy p = Policy::necessary_only();
  p.set_site("shop.example", Category::analytics, Action::allow);
  return p;
}

constexpr std::string_view kCollect = "https://www.google-analytics.com/g/collect?v=2";

std::string summary(const Result<Decision>& d) {
  if (!d.ok()) return "error " + d.detail();
  return std::string(action_name(d->action)) + " " + std::string(category_name(d->classification.category)) +
         (d->classification.third_party ? " 3p " : " 1p ") + std::to_string(d->classification.rule.value());
}

// Requests from two pages, and a cookie write and a stored cookie between them.
std::vector<std::string> decide_all(const Engine& e, const Policy& p, DecisionContext& shop, DecisionContext& news) {
  std::vector<std::string> out;
  for (int i = 0; i < 3; ++i) {
    out.push_back(summary(e.decide(Request{kCollect, "https://www.shop.example/", "", ResourceType::ping}, p, shop)));
    out.push_back(summary(e.decide(Request{kCollect, "https://news.example/a", "https://ads.frame.example/", ResourceType::ping}, p, news)));
    out.push_back(summary(e.decide(CookieWrite{"_ga", ".news.example", "https://news.example/", CookieSource::script, ""}, p, shop)));
    out.push_back(summary(e.decide(Request{"https://www.shop.example/app.js", "https://www.shop.example/", "", ResourceType::script}, p, shop)));
    out.push_back(summary(e.decide(StoredCookie{"_ga", ".shop.example", "/", ""}, p, news)));
  }
  return out;
}

}  // namespace

TEST_CASE("a decision depends on its context only: two contexts interleaved decide as fresh ones do") {
  Engine e = default_engine();
  const Policy p = policy();
  DecisionContext shop, news;
  const auto interleaved = decide_all(e, p, shop, news);
  CHECK(interleaved[0].starts_with("allow analytics 3p"));
  CHECK(interleaved[1].starts_with("block analytics 3p"));
  for (std::size_t i = 0; i < interleaved.size(); ++i) {
    DecisionContext fresh_shop, fresh_news;
    CHECK(decide_all(e, p, fresh_shop, fresh_news)[i] == interleaved[i]);
  }
}

TEST_CASE("threads that each hold a context decide with one engine as one thread does") {
  Engine e = default_engine();
  const Policy p = policy();
  DecisionContext shop, news;
  const auto expected = decide_all(e, p, shop, news);
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (auto& out : got)
    threads.emplace_back([&e, &p, &out] {
      DecisionContext a, b;
      for (int round = 0; round < 200; ++round) out = decide_all(e, p, a, b);
    });
  for (auto& t : threads) t.join();
  for (const auto& out : got) CHECK(out == expected);
}

TEST_CASE("the page a context holds, passed back, decides as the full URLs do") {
  Engine e = default_engine();
  const Policy p = policy();
  DecisionContext c;
  CHECK(c.page_top().empty());
  auto first = e.decide(Request{kCollect, "https://news.example/a", "https://ads.frame.example/", ResourceType::ping}, p, c);
  REQUIRE(first.ok());
  CHECK(c.page_top() == "https://news.example/a");
  CHECK(c.page_frame() == "https://ads.frame.example/");
  auto again = e.decide(Request{kCollect, c.page_top(), c.page_frame(), ResourceType::ping}, p, c);
  CHECK(summary(again) == summary(first));

  // A frame that is the page itself, or not a URL, is held as none: it decides the same.
  REQUIRE(e.decide(Request{kCollect, "https://www.shop.example/", "about:blank", ResourceType::ping}, p, c).ok());
  CHECK(c.page_top() == "https://www.shop.example/");
  CHECK(c.page_frame().empty());

  // A cookie write's page replaces it; a page that is not a URL leaves none.
  REQUIRE(e.decide(CookieWrite{"_ga", ".news.example", "https://news.example/", CookieSource::script, ""}, p, c).ok());
  CHECK(c.page_top() == "https://news.example/");
  CHECK(!e.decide(Request{kCollect, "not a page", "", ResourceType::ping}, p, c).ok());
  CHECK(c.page_top().empty());
}
