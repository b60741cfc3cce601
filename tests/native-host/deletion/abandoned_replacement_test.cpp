// A run killed while it wrote the new copy of a session restore file or of Safari's
// Cookies.binarycookies leaves that copy (".<name>.cookiewarden-<pid>-*") beside the file. The next
// deletion in that store removes it even when the site it deletes has nothing in the file, so no
// copy of the user's data outlives the killed run.
#include <doctest/doctest.h>

#include "../support/fake_profiles.h"
#include "../support/subprocess.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;

TEST_CASE("abandoned replacements: the next deletion removes a killed run's copy beside each rewritten file") {
  FakeHome home;
  fs::path fixtures = fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures";
  fs::path session = home.firefox_profile() / "sessionstore.jsonlz4";
  fs::path safari = home.home() / "Library" / "Cookies" / "Cookies.binarycookies";
  fs::copy_file(fixtures / "firefox-session-restore" / "sessionstore.jsonlz4", session);
  fs::create_directories(safari.parent_path());
  fs::copy_file(fixtures / "binarycookies" / "kooky-safari-macos-cookie-db.binarycookies", safari);
  // A pid above any pid_max: that run is gone.
  std::vector<fs::path> copies;
  for (const fs::path& file : {session, safari}) {
    copies.push_back(file.parent_path() / ("." + file.filename().string() + ".cookiewarden-999999999-k1ll3d"));
    fs::copy_file(file, copies.back());
  }
  std::string session_bytes = file_bytes(session), safari_bytes = file_bytes(safari);

  ProcessResult run = run_process({COOKIEWARDEN_BINARY, "delete", "nothing.test", "--json", "--browser", "firefox",
                                   "--browser", "safari"},
                                  {"HOME=" + home.home().string(), "XDG_RUNTIME_DIR=" + home.home().string(),
                                   "PATH=/usr/bin:/bin"},
                                  "");
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  for (const fs::path& copy : copies) CHECK_MESSAGE(!fs::exists(copy), "left behind: " << copy);
  CHECK(file_bytes(session) == session_bytes);
  CHECK(file_bytes(safari) == safari_bytes);
}
