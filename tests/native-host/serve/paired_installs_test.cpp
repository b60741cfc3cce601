#include "serve/paired_installs.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>

#include "../support/store_fixtures.h"

using namespace cookiewarden::serve;
using namespace cookiewarden::test;

namespace {
const std::string kChrome = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
const std::string kFirefox = "moz-extension://0b7c7e3c-2a8e-4c9a-9a52-7c1b2f6c0a11";
}  // namespace

TEST_CASE("paired installs: a token works with its own origin only, and survives a restart in a 0600 file") {
  TempDir dir;
  const auto file = dir / "state" / "cookiewarden" / "paired-extensions.json";
  auto installs = PairedInstalls::load(file).value();
  CHECK(installs.installs().empty());
  PairedInstall chrome = installs.pair(kChrome, 1'800'000'000).value();
  PairedInstall firefox = installs.pair(kFirefox, 1'800'000'001).value();
  CHECK(chrome.token.text().size() == 64);
  CHECK(chrome.id.size() == 16);
  CHECK(installs.admits(kChrome, chrome.token.text()));
  CHECK_FALSE(installs.admits(kFirefox, chrome.token.text()));
  CHECK_FALSE(installs.admits(kChrome, firefox.token.text()));
  CHECK_FALSE(installs.admits(kChrome, ""));

  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  auto again = PairedInstalls::load(file).value();
  REQUIRE(again.installs().size() == 2);
  CHECK(again.admits(kChrome, chrome.token.text()));
  CHECK(again.installs()[1].paired_at == 1'800'000'001);
}

TEST_CASE("paired installs: a revoked install's token is refused, also after a restart") {
  TempDir dir;
  const auto file = dir / "paired-extensions.json";
  auto installs = PairedInstalls::load(file).value();
  PairedInstall chrome = installs.pair(kChrome, 1).value();
  CHECK(installs.revoke(chrome.id).value());
  CHECK_FALSE(installs.revoke(chrome.id).value());
  CHECK_FALSE(installs.admits(kChrome, chrome.token.text()));
  CHECK_FALSE(PairedInstalls::load(file).value().admits(kChrome, chrome.token.text()));
}

TEST_CASE("paired installs: a damaged file is an error and is left as it is") {
  TempDir dir;
  const auto file = dir / "paired-extensions.json";
  std::ofstream(file) << "{\"version\": 1, \"installs\": [{\"id\": 3}]}";
  auto loaded = PairedInstalls::load(file);
  CHECK_FALSE(loaded.ok());
  CHECK(loaded.detail().find("paired-extensions.json") != std::string::npos);
  std::ofstream(file) << "not json";
  CHECK_FALSE(PairedInstalls::load(file).ok());
}

TEST_CASE("paired installs: a pairing that cannot be saved is not kept") {
  TempDir dir;
  std::ofstream(dir / "a-file") << "";
  auto installs = PairedInstalls::load(dir / "a-file" / "paired-extensions.json").value();
  CHECK_FALSE(installs.pair(kChrome, 1).ok());
  CHECK(installs.installs().empty());
}
