#include "browsers/gnome_web_running.h"

#include <doctest/doctest.h>

#include <fstream>

#include "../support/store_fixtures.h"

namespace fs = std::filesystem;
using cookiewarden::gnome_web_running;
using cookiewarden::test::TempDir;

namespace {

// A /proc entry: its comm and, optionally, one open file (fd/3, a symlink like the kernel's).
void fake_process(const fs::path& proc, const char* pid, const char* comm, const fs::path& open_file = {}) {
  fs::create_directories(proc / pid / "fd");
  std::ofstream(proc / pid / "comm") << comm << "\n";
  if (!open_file.empty()) fs::create_symlink(open_file, proc / pid / "fd" / "3");
}

}  // namespace

TEST_CASE("GNOME Web runs when a process is named epiphany, or holds a file of its profile open") {
  TempDir dir;
  fs::path profile = dir / "epiphany", proc = dir / "proc";
  fs::create_directories(profile);
  fs::create_directories(proc / "self");
  fake_process(proc, "100", "bash", dir / "elsewhere.txt");
  fake_process(proc, "101", "WebKitNetworkPr", dir / "epiphany-other" / "cookies.sqlite");  // a name prefix is not inside

  auto state = gnome_web_running(profile, proc);
  CHECK_FALSE(state.running);
  CHECK(state.detail == "no GNOME Web process and no process holding its files");

  SUBCASE("by name") {
    fake_process(proc, "200", "epiphany");
    state = gnome_web_running(profile, proc);
    CHECK(state.running);
    CHECK(state.detail == "running: GNOME Web is pid 200");
  }
  SUBCASE("by the kernel's cut of epiphany-browser") {
    fake_process(proc, "201", "epiphany-browse");
    CHECK(gnome_web_running(profile, proc).running);
  }
  SUBCASE("by an open file: WebKit's network process of any WebKitGTK program") {
    fake_process(proc, "300", "WebKitNetworkPr", profile / "cookies.sqlite");
    state = gnome_web_running(profile, proc);
    CHECK(state.running);
    CHECK(state.detail == "running: WebKitNetworkPr (pid 300) has " + (profile / "cookies.sqlite").string() + " open");
  }
  SUBCASE("processes cannot be listed: assumed running") {
    state = gnome_web_running(profile, dir / "no-proc");
    CHECK(state.running);
  }
}
