#include "serve/paired_installs.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "../support/store_fixtures.h"
#include "platform/sha256.h"

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
  NewPairing chrome = installs.pair(kChrome, 1'800'000'000).value();
  NewPairing firefox = installs.pair(kFirefox, 1'800'000'001).value();
  CHECK(chrome.token.text().size() == 64);
  CHECK(chrome.install.id.size() == 16);
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
  NewPairing chrome = installs.pair(kChrome, 1).value();
  CHECK(installs.revoke(chrome.install.id).value());
  CHECK_FALSE(installs.revoke(chrome.install.id).value());
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

namespace {
std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

TEST_CASE("paired installs: the file keeps each token's SHA-256, never the token, and the token is still admitted") {
  TempDir dir;
  const auto file = dir / "paired-extensions.json";
  auto installs = PairedInstalls::load(file).value();
  NewPairing chrome = installs.pair(kChrome, 1).value();
  std::string saved = file_text(file);
  CHECK(saved.find(chrome.token.text()) == std::string::npos);
  CHECK(saved.find(cookiewarden::sha256_hex(chrome.token.text())) != std::string::npos);
  CHECK(chrome.install.token_sha256 == cookiewarden::sha256_hex(chrome.token.text()));
  auto again = PairedInstalls::load(file).value();
  CHECK(again.admits(kChrome, chrome.token.text()));
  // What the file holds, presented as a token, is refused: a stolen copy cannot be replayed.
  CHECK_FALSE(again.admits(kChrome, chrome.install.token_sha256));
}

TEST_CASE("paired installs: a file with tokens in clear (version 1) is rewritten with their hashes, the pairings kept") {
  TempDir dir;
  const auto file = dir / "paired-extensions.json";
  const std::string token(64, 'a');
  std::ofstream(file) << "{\"version\": 1, \"installs\": [{\"id\": \"0123456789abcdef\", \"origin\": \"" << kChrome
                      << "\", \"token\": \"" << token << "\", \"paired_at\": 7}]}";
  auto installs = PairedInstalls::load(file).value();
  CHECK(installs.admits(kChrome, token));
  std::string saved = file_text(file);
  CHECK(saved.find(token) == std::string::npos);
  CHECK(saved.find("\"version\": 2") != std::string::npos);
  auto again = PairedInstalls::load(file).value();
  REQUIRE(again.installs().size() == 1);
  CHECK(again.installs()[0].id == "0123456789abcdef");
  CHECK(again.installs()[0].paired_at == 7);
  CHECK(again.admits(kChrome, token));
}

TEST_CASE("paired installs: the port serve paired on is kept for the next start, only while an install is paired") {
  TempDir dir;
  const auto file = dir / "paired-extensions.json";
  auto installs = PairedInstalls::load(file).value();
  installs.serve_on(41234);
  CHECK_FALSE(installs.paired_port());
  NewPairing chrome = installs.pair(kChrome, 1).value();
  auto again = PairedInstalls::load(file).value();
  CHECK(again.paired_port() == std::optional<std::uint16_t>(41234));
  CHECK(again.revoke(chrome.install.id).value());
  CHECK_FALSE(PairedInstalls::load(file).value().paired_port());
  std::ofstream(file) << "{\"version\": 2, \"port\": 70000, \"installs\": []}";
  CHECK_FALSE(PairedInstalls::load(file).ok());
}
