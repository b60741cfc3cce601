#include "serve/launch_page.h"

#include <doctest/doctest.h>

#include "../support/scoped_variable.h"
#include "../support/store_fixtures.h"

using namespace cookiewarden::serve;
using namespace cookiewarden::test;

TEST_CASE("launch page: a 0600 page in its own 0700 folder under XDG_RUNTIME_DIR, removed when used or dropped") {
  TempDir runtime;
  const std::string link = "http://127.0.0.1:8123/#code=" + std::string(64, 'e');
  auto page = [&] {
    ScopedVariable runtime_dir("XDG_RUNTIME_DIR", runtime.path().c_str());
    return LaunchPage::create(link);
  }();
  REQUIRE(page.ok());
  fs::path file = (*page)->path(), folder = file.parent_path();
  CHECK(folder.parent_path() == runtime.path());
  CHECK(folder.filename().string().starts_with("cookiewarden-serve-"));
  CHECK((fs::status(folder).permissions() & fs::perms::all) == fs::perms::owner_all);
  CHECK((fs::status(file).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(file_bytes(file) == launch_page_html(link));
  CHECK(launch_page_html(link).find("content=\"0;url=" + link + "\"") != std::string::npos);

  (*page)->remove();
  CHECK_FALSE(fs::exists(folder));
  (*page)->remove();  // again: nothing to do

  auto dropped = LaunchPage::create(link);
  REQUIRE(dropped.ok());
  fs::path other = (*dropped)->path().parent_path();
  CHECK(fs::exists(other));
  dropped.value().reset();
  CHECK_FALSE(fs::exists(other));
}
