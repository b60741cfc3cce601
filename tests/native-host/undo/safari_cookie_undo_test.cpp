// Undo of Safari's Cookies.binarycookies against the real Safari files: the records go back
// through the writer that removed them, and the file comes back byte for byte.
#include <doctest/doctest.h>

#include <set>

#include "../support/binarycookies_fixtures.h"
#include "stores/safari_binarycookies.h"
#include "stores/safari_cookies.h"
#include "undo_support.h"

using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

fs::path safari_jar(const BrowserProfile& profile, const Bytes& bytes) {
  fs::path file = profile.path / "Cookies" / "Cookies.binarycookies";
  fs::create_directories(file.parent_path());
  write_bytes(file, bytes);
  return file;
}

struct Case {
  const char* file;
  const char* site;
  std::size_t removed;
};

// Sites whose records fill whole pages (cnn.com, apple.com) and share pages with other sites'.
const Case kCases[] = {{"libyal-dtformats-Cookies.binarycookies", "cnn.com", 12},
                       {"libyal-dtformats-Cookies.binarycookies", "google.com", 9},
                       {"libyal-dtformats-Cookies.binarycookies", "apple.com", 17},
                       {"libyal-dtformats-Cookies.binarycookies", "go.com", 3},
                       {"kooky-safari-macos-cookie-db.binarycookies", "ycombinator.com", 2},
                       {"ytdlp-test-safari-localhost.binarycookies", "localhost", 1}};

}  // namespace

TEST_CASE("undo: Safari's cookie file comes back byte for byte after deleting a site") {
  for (const Case& c : kCases) {
    CAPTURE(c.file);
    CAPTURE(c.site);
    TempDir dir;
    BrowserProfile profile = closed_profile(dir, BrowserFamily::safari);
    Bytes original = binarycookies_fixture(c.file);
    fs::path file = safari_jar(profile, original);
    SafariCookieStore store(file);
    REQUIRE(store.undoable());
    StoreOutcome outcome;
    fs::path journal = remove_with_journal(store, c.site, undo_settings_in(dir), profile, outcome);
    REQUIRE_MESSAGE(outcome.handled(), outcome.message);
    CHECK(outcome.items.size() == c.removed);
    REQUIRE(!journal.empty());
    Bytes deleted = read_bytes(file);
    REQUIRE(deleted != original);

    UndoResult dry = undo_journal(journal, true);
    REQUIRE_MESSAGE(dry.complete(), dry.message);
    CHECK(dry.total().restored == c.removed);
    CHECK(read_bytes(file) == deleted);

    UndoResult undone = undo_completely(journal);
    CHECK(undone.total().restored == c.removed);
    CHECK(undone.total().present == 0);
    CHECK(undone.total().conflicts == 0);
    Bytes restored = read_bytes(file);
    // Same pages, same record order, same offsets and checksum: the file as Safari wrote it.
    CHECK(restored == original);
    CHECK(parse_binarycookies(restored).ok());
    CHECK_FALSE(fs::exists(journal));
  }
}

TEST_CASE("undo: records removed from the middle of shared pages go back to their place") {
  Bytes original = binarycookies_fixture("libyal-dtformats-Cookies.binarycookies");
  auto jar = parse_binarycookies(original);
  REQUIRE(jar.ok());
  // Every other record of the file: most pages keep some records and lose others.
  std::size_t seen = 0;
  std::set<const std::uint8_t*> chosen;
  for (const auto& page : jar->pages)
    for (const auto& r : page.records)
      if (seen++ % 2 == 1) chosen.insert(r.bytes.data());
  BinaryCookieFilter every_other = [&](const BinaryCookieRecord& r) { return chosen.count(r.bytes.data()) > 0; };
  auto placed = place_removed_records(*jar, every_other);
  REQUIRE(placed.size() == chosen.size());
  Bytes without = serialize_binarycookies_without(*jar, every_other);
  auto smaller = parse_binarycookies(without);
  REQUIRE(smaller.ok());
  Bytes back = serialize_binarycookies_with(*smaller, placed);
  CHECK(back == original);
}

TEST_CASE("undo: Safari records still in the file are present, a cookie Safari set again is kept") {
  TempDir dir;
  BrowserProfile profile = closed_profile(dir, BrowserFamily::safari);
  Bytes original = binarycookies_fixture("libyal-dtformats-Cookies.binarycookies");
  fs::path file = safari_jar(profile, original);
  SafariCookieStore store(file);
  StoreOutcome outcome;
  fs::path journal = remove_with_journal(store, "go.com", undo_settings_in(dir), profile, outcome);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  REQUIRE(outcome.items.size() == 3);

  SUBCASE("a crash between journal and rewrite: every record is present, nothing is written") {
    write_bytes(file, original);
    UndoResult undone = undo_completely(journal);
    CHECK(undone.total().present == 3);
    CHECK(undone.total().restored == 0);
    CHECK(read_bytes(file) == original);
  }
  SUBCASE("Safari stored one of the cookies again with a new expiry: it is kept, the others return") {
    auto deleted_bytes = read_bytes(file);
    auto deleted = parse_binarycookies(deleted_bytes);
    REQUIRE(deleted.ok());
    auto jar = parse_binarycookies(original);
    REQUIRE(jar.ok());
    auto placed = place_removed_records(*jar, [](const BinaryCookieRecord& r) { return r.domain.ends_with("go.com"); });
    REQUIRE(placed.size() == 3);
    PlacedBinaryCookie newer = placed[1];
    newer.bytes[47] ^= 0x01;  // the expiry's top byte: the same cookie, written anew
    write_bytes(file, serialize_binarycookies_with(*deleted, {newer}));

    UndoResult undone = undo_completely(journal);
    CHECK(undone.total().restored == 2);
    CHECK(undone.total().conflicts == 1);
    Bytes after = read_bytes(file);
    auto now = parse_binarycookies(after);
    REQUIRE_MESSAGE(now.ok(), now.detail());
    CHECK(now->record_count() == jar->record_count());
    bool newer_kept = false, older_back = false;
    for (const auto& page : now->pages)
      for (const auto& r : page.records) {
        newer_kept = newer_kept || Bytes(r.bytes.begin(), r.bytes.end()) == newer.bytes;
        older_back = older_back || Bytes(r.bytes.begin(), r.bytes.end()) == placed[1].bytes;
      }
    CHECK(newer_kept);
    CHECK_FALSE(older_back);
  }
}
