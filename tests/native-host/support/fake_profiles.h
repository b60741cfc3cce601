// Test support: a fake home holding one Chromium and one Firefox profile built from the real
// fixture files, laid out where discovery looks on Linux (~/.config/chromium, ~/.config/mozilla/firefox).
#pragma once

#include <string>

#include "store_fixtures.h"

namespace cookiewarden::test {

struct FakeHome {
  TempDir dir;
  fs::path home() const { return dir.path(); }
  fs::path chromium_profile() const { return dir / ".config" / "chromium" / "Default"; }
  fs::path firefox_profile() const { return dir / ".config" / "mozilla" / "firefox" / "abcd.default-esr"; }

  FakeHome() {
    copy_cookie_fixture("chromium156-linux-Cookies.sqlite", chromium_profile() / "Cookies");
    write_file(chromium_profile().parent_path() / "Local State",
               R"({"profile":{"info_cache":{"Default":{"name":"Person 1"}}}})");
    write_file(chromium_profile() / "IndexedDB" / "https_news.keep.test_0.indexeddb.leveldb" / "000003.log", "idb");
    copy_cookie_fixture("firefox153esr-cookies.sqlite", firefox_profile() / "cookies.sqlite");
    write_file(firefox_profile() / ".parentlock", "");
    write_file(firefox_profile().parent_path() / "profiles.ini",
               "[Profile0]\nName=default-esr\nIsRelative=1\nPath=abcd.default-esr\nDefault=1\n\n"
               "[General]\nStartWithLastProfile=1\nVersion=2\n");
  }
};

}  // namespace cookiewarden::test
