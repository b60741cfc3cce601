#include "serve/dashboard_files.h"

#include <doctest/doctest.h>

#include <regex>
#include <string>

using namespace cookiewarden::serve;

TEST_CASE("serve page: / is the embedded index.html, as HTML") {
  auto page = dashboard_file("/");
  REQUIRE(page);
  CHECK(page->path == "/index.html");
  CHECK(page->content_type.starts_with("text/html"));
  CHECK(page->body.starts_with("<!doctype html>"));
  CHECK_FALSE(dashboard_file("/nope.js"));
  CHECK_FALSE(dashboard_file("/../CMakeLists.txt"));
  CHECK_FALSE(dashboard_file(""));
}

TEST_CASE("serve page: every file the page and its modules load is embedded, with its type") {
  // src="/x", href="/x" in HTML; import ... from './x.js' in modules.
  const std::regex reference(R"((?:src|href)="/([^"]+)\"|from '\./([^']+)')");
  int references = 0;
  for (const DashboardFile& file : dashboard_files()) {
    std::string body(file.body);
    for (std::sregex_iterator it(body.begin(), body.end(), reference), end; it != end; ++it) {
      std::string name = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      auto target = dashboard_file("/" + name);
      CHECK_MESSAGE(target, file.path, " loads missing ", name);
      if (target && name.ends_with(".js")) CHECK(target->content_type.starts_with("text/javascript"));
      if (target && name.ends_with(".css")) CHECK(target->content_type.starts_with("text/css"));
      ++references;
    }
  }
  CHECK(references >= 3);
}
