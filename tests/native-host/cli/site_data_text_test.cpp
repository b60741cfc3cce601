#include "cli/site_data_text.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace cookiewarden;

namespace {

StoreOutcome session_store(const char* file, std::size_t keys) {
  StoreOutcome outcome{"firefox_session_restore", std::string("/p/") + file, {}, {}, {}};
  for (std::size_t i = 0; i < keys; ++i) {
    SiteItem item;
    item.kind = ItemKind::session_storage;
    item.host = "https://www.example.test";
    item.name = "k" + std::to_string(i);
    item.bytes = 4;
    outcome.items.push_back(item);
  }
  return outcome;
}

}  // namespace

TEST_CASE("site data text: session storage keys are counted like the other kinds") {
  CHECK(cli::item_summary(session_store("sessionstore.jsonlz4", 1)) == "1 session storage key (4 B)");
  CHECK(cli::item_summary(session_store("sessionstore.jsonlz4", 3)) == "3 session storage keys (12 B)");
}

TEST_CASE("site data text: stores sharing an id (one per session file) are told apart by their file") {
  std::vector<StoreOutcome> stores{StoreOutcome{"firefox_cookies", "/p/cookies.sqlite", {}, {}, {}},
                                   session_store("sessionstore.jsonlz4", 1), session_store("previous.jsonlz4", 2)};
  std::ostringstream out;
  cli::print_store_lines(stores, out);
  std::string text = out.str();
  CHECK(text.find("  firefox_cookies ") != std::string::npos);
  CHECK(text.find("firefox_cookies.sqlite") == std::string::npos);
  CHECK(text.find("  firefox_session_restore sessionstore.jsonlz4  1 session storage key") != std::string::npos);
  CHECK(text.find("  firefox_session_restore previous.jsonlz4      2 session storage keys") != std::string::npos);
}
