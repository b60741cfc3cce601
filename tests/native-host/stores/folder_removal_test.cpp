#include "stores/folder_removal.h"

#include <unistd.h>

#include <doctest/doctest.h>

#include "../support/store_fixtures.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

SiteItem folder(const fs::path& path) {
  SiteItem item;
  item.kind = ItemKind::folder;
  item.path = path;
  return item;
}

}  // namespace

TEST_CASE("FolderRemoval removes targets with their sizes and nothing else") {
  TempDir dir;
  fs::path profile = dir / "profile";
  write_file(profile / "a" / "x", std::string(100, 'x'));
  write_file(profile / "a" / "sub" / "y", std::string(23, 'y'));
  write_file(profile / "b.sqlite", std::string(7, 'b'));
  write_file(profile / "keep" / "z", "z");
  FolderRemoval removal(profile);
  SkipReason reason = SkipReason::none;
  std::string message;
  REQUIRE(removal.add(folder(profile / "a"), reason, message));
  REQUIRE(removal.add(folder(profile / "b.sqlite"), reason, message));
  REQUIRE(removal.add(folder(profile / "missing"), reason, message));
  REQUIRE(removal.items().size() == 2);
  CHECK(removal.items()[0].bytes == 123);
  CHECK(removal.items()[1].bytes == 7);
  REQUIRE(removal.stage(reason, message));
  CHECK_FALSE(fs::exists(profile / "a"));
  CHECK(removal.finish().empty());
  CHECK(tree_snapshot(profile) == std::map<std::string, std::string>{{"keep", "<dir>"}, {"keep/z", "z"}});
}

TEST_CASE("FolderRemoval refuses symlinks, paths outside the profile and links leaving it") {
  TempDir dir;
  fs::path profile = dir / "profile";
  write_file(dir / "outside" / "secret", "s");
  write_file(profile / "inner" / "f", "f");
  fs::create_directories(profile / "store");
  fs::create_directory_symlink(dir / "outside", profile / "store" / "linked");
  fs::create_directory_symlink(dir / "outside", profile / "via");
  write_file(profile / "leaky" / "data", "d");
  fs::create_symlink(dir / "outside" / "secret", profile / "leaky" / "escape");
  write_file(profile / "tame" / "data", "d");
  fs::create_symlink(profile / "inner" / "f", profile / "tame" / "inner-link");
  auto outside = tree_snapshot(dir / "outside");

  FolderRemoval removal(profile);
  SkipReason reason = SkipReason::none;
  std::string message;
  CHECK_FALSE(removal.add(folder(profile / "store" / "linked"), reason, message));
  CHECK(reason == SkipReason::unsafe_path);
  CHECK_FALSE(removal.add(folder(profile / "via" / "secret"), reason, message));  // parent is a link out
  CHECK_FALSE(removal.add(folder(dir / "outside"), reason, message));
  CHECK_FALSE(removal.add(folder(profile / ".." / "outside"), reason, message));
  CHECK_FALSE(removal.add(folder(profile / "leaky"), reason, message));
  CHECK(message.find("escape") != std::string::npos);
  CHECK(removal.items().empty());
  // A link that stays inside the profile is removed as a link; its target stays.
  REQUIRE(removal.add(folder(profile / "tame"), reason, message));
  REQUIRE(removal.stage(reason, message));
  CHECK(removal.finish().empty());
  CHECK(fs::exists(profile / "inner" / "f"));
  CHECK(tree_snapshot(dir / "outside") == outside);
}

TEST_CASE("FolderRemoval is all or none: a failed move puts the earlier ones back") {
  TempDir dir;
  fs::path profile = dir / "profile";
  write_file(profile / "one" / "f", "1");
  write_file(profile / "two" / "f", "2");
  // Occupy the second target's aside name with a non-empty folder so its rename fails.
  write_file(profile / ("two.cookiewarden-deleting-" + std::to_string(::getpid())) / "x", "x");
  auto before = tree_snapshot(profile);
  FolderRemoval removal(profile);
  SkipReason reason = SkipReason::none;
  std::string message;
  REQUIRE(removal.add(folder(profile / "one"), reason, message));
  REQUIRE(removal.add(folder(profile / "two"), reason, message));
  CHECK_FALSE(removal.stage(reason, message));
  CHECK(message.find("nothing was removed") != std::string::npos);
  CHECK(tree_snapshot(profile) == before);
}

TEST_CASE("FolderRemoval puts staged folders back when unstaged or abandoned") {
  TempDir dir;
  fs::path profile = dir / "profile";
  write_file(profile / "one" / "f", "1");
  auto before = tree_snapshot(profile);
  SkipReason reason = SkipReason::none;
  std::string message;
  {
    FolderRemoval removal(profile);
    REQUIRE(removal.add(folder(profile / "one"), reason, message));
    REQUIRE(removal.stage(reason, message));
    CHECK_FALSE(fs::exists(profile / "one"));
  }
  CHECK(tree_snapshot(profile) == before);
}
