#include "stores/folder_removal.h"

#include <unistd.h>

#if defined(_WIN32)
#include <windows.h>
#endif

#include <doctest/doctest.h>

#include "../support/store_fixtures.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

// A FolderRemoval that takes paths as folder items and keeps what its last refusal said.
struct TestRemoval : FolderRemoval {
  using FolderRemoval::FolderRemoval;
  SkipReason reason = SkipReason::none;
  std::string message;

  bool add(const fs::path& path) {
    SiteItem item;
    item.kind = ItemKind::folder;
    item.path = path;
    return FolderRemoval::add(item, reason, message);
  }
  bool stage() { return FolderRemoval::stage(reason, message); }
};

}  // namespace

TEST_CASE("FolderRemoval removes targets with their sizes and nothing else") {
  TempDir dir;
  fs::path profile = dir / "profile";
  write_file(profile / "a" / "x", std::string(100, 'x'));
  write_file(profile / "a" / "sub" / "y", std::string(23, 'y'));
  write_file(profile / "b.sqlite", std::string(7, 'b'));
  write_file(profile / "keep" / "z", "z");
  TestRemoval removal(profile, {"test_store", "example.test"});
  REQUIRE(removal.add(profile / "a"));
  REQUIRE(removal.add(profile / "b.sqlite"));
  REQUIRE(removal.add(profile / "missing"));
  REQUIRE(removal.items().size() == 2);
  CHECK(removal.items()[0].bytes == 123);
  CHECK(removal.items()[1].bytes == 7);
  REQUIRE(removal.stage());
  CHECK_FALSE(fs::exists(profile / "a"));
  CHECK(removal.finish().empty());
  CHECK(tree_snapshot(profile) == std::map<std::string, std::string>{{"keep", "<dir>"}, {"keep/z", "z"}});
}

TEST_CASE("FolderRemoval refuses symlinks, paths outside the profile and links leaving it" * doctest::skip(kCannotCreateSymlinks)) {
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

  TestRemoval removal(profile, {"test_store", "example.test"});
  CHECK_FALSE(removal.add(profile / "store" / "linked"));
  CHECK(removal.reason == SkipReason::unsafe_path);
  CHECK_FALSE(removal.add(profile / "via" / "secret"));  // parent is a link out
  CHECK_FALSE(removal.add(dir / "outside"));
  CHECK_FALSE(removal.add(profile / ".." / "outside"));
  CHECK_FALSE(removal.add(profile / "leaky"));
  CHECK(removal.message.find("escape") != std::string::npos);
  CHECK(removal.items().empty());
  // A link that stays inside the profile is removed as a link; its target stays.
  REQUIRE(removal.add(profile / "tame"));
  REQUIRE(removal.stage());
  CHECK(removal.finish().empty());
  CHECK(fs::exists(profile / "inner" / "f"));
  CHECK(tree_snapshot(dir / "outside") == outside);
}

TEST_CASE("FolderRemoval is all or none: a failed move puts the earlier ones back") {
  TempDir dir;
  fs::path profile = dir / "profile";
  write_file(profile / "one" / "f", "1");
  write_file(profile / "two" / "f", "2");
  TestRemoval removal(profile, {"test_store", "example.test"});
  REQUIRE(removal.add(profile / "one"));
  REQUIRE(removal.add(profile / "two"));
  // The second target vanishes between the check and the move, so its move fails.
  fs::remove_all(profile / "two");
  auto before = tree_snapshot(profile);
  CHECK_FALSE(removal.stage());
  CHECK(removal.message.find("nothing was removed") != std::string::npos);
  CHECK(tree_snapshot(profile) == before);
}

#if defined(_WIN32)
// A file a running browser holds open without sharing cannot be moved on Windows: the removal says
// locked (the browser is in the way) rather than io_error, and moves nothing.
TEST_CASE("FolderRemoval on Windows: a target another process holds open is locked, nothing moved") {
  TempDir dir;
  fs::path profile = dir / "profile";
  write_file(profile / "one" / "f", "1");
  write_file(profile / "held", "2");
  TestRemoval removal(profile, {"test_store", "example.test"});
  REQUIRE(removal.add(profile / "one"));
  REQUIRE(removal.add(profile / "held"));
  auto before = tree_snapshot(profile);
  HANDLE held = CreateFileW((profile / "held").c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  REQUIRE(held != INVALID_HANDLE_VALUE);
  bool staged = removal.stage();
  CloseHandle(held);
  CHECK_FALSE(staged);
  CHECK(removal.reason == SkipReason::locked);
  CHECK(removal.message.find("nothing was removed") != std::string::npos);
  CHECK(tree_snapshot(profile) == before);
}
#endif

TEST_CASE("FolderRemoval stages into the profile's removal folder with a note of the store and site, gone after") {
  TempDir dir;
  fs::path profile = dir / "profile";
  write_file(profile / "storage" / "default" / "https+++www.example.test" / "ls" / "data.sqlite", "example's data");
  TestRemoval removal(profile, {"firefox_site_storage", "example.test"});
  REQUIRE(removal.add(profile / "storage" / "default" / "https+++www.example.test"));
  REQUIRE(removal.stage());
  // What a run killed now leaves, and what the next run reads back.
  auto abandoned = abandoned_removals(fs::canonical(profile));
  CHECK(abandoned.empty());  // this run's own folder is not abandoned
  fs::path removal_root = profile / ".cookiewarden-removal";
  REQUIRE(fs::is_directory(removal_root));
  fs::path staged = fs::directory_iterator(removal_root)->path();
  CHECK(staged.filename().string().starts_with(std::to_string(::getpid()) + "-"));
  CHECK(file_bytes(staged / "intent") == "firefox_site_storage\nexample.test\n");
  CHECK(file_bytes(staged / "0" / "ls" / "data.sqlite") == "example's data");
  CHECK(removal.finish().empty());
  CHECK_FALSE(fs::exists(removal_root));
}

TEST_CASE("FolderRemoval puts staged folders back when unstaged or abandoned") {
  TempDir dir;
  fs::path profile = dir / "profile";
  write_file(profile / "one" / "f", "1");
  auto before = tree_snapshot(profile);
  {
    TestRemoval removal(profile, {"test_store", "example.test"});
    REQUIRE(removal.add(profile / "one"));
    REQUIRE(removal.stage());
    CHECK_FALSE(fs::exists(profile / "one"));
  }
  CHECK(tree_snapshot(profile) == before);
}
