#include "platform/private_scratch.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../support/scoped_variable.h"
#include "../support/store_fixtures.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

TEST_CASE("scratch: a private folder per run, removed with its copies when done") {
  TempDir runtime;
  ScopedVariable scoped("XDG_RUNTIME_DIR", runtime.path().c_str());  // the scratch root
  fs::path made;
  {
    ScratchFolder scratch;
    REQUIRE(scratch.ok());
    made = scratch.path();
    CHECK(made.parent_path() == runtime / "cookiewarden");
    CHECK(made.filename().string().starts_with(std::to_string(::getpid()) + "-"));
    struct stat st {};
    REQUIRE(::stat(made.parent_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    write_file(made / "000005.ldb", "a copy of someone's localStorage");
  }
  CHECK_FALSE(fs::exists(made));
}

TEST_CASE("scratch: the copies a killed run left are removed by the next run, a live run's are kept") {
  TempDir runtime;
  ScopedVariable scoped("XDG_RUNTIME_DIR", runtime.path().c_str());  // the scratch root
  pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  fs::path abandoned = runtime / "cookiewarden" / (std::to_string(gone) + "-x1y2z3");
  fs::path live = runtime / "cookiewarden" / (std::to_string(::getppid()) + "-a1b2c3");
  write_file(abandoned / "MANIFEST-000001", "copy");
  write_file(live / "MANIFEST-000001", "in use");
  ScratchFolder next;
  REQUIRE(next.ok());
  CHECK_FALSE(fs::exists(abandoned));
  CHECK(fs::exists(live));
}

TEST_CASE("scratch: a root that is a symlink is refused: no copy goes where another user could point it") {
  TempDir runtime, elsewhere;
  ScopedVariable scoped("XDG_RUNTIME_DIR", runtime.path().c_str());  // the scratch root
  fs::create_directory_symlink(elsewhere.path(), runtime / "cookiewarden");
  ScratchFolder scratch;
  CHECK_FALSE(scratch.ok());
  CHECK(scratch.error().find("not a folder of this user") != std::string::npos);
  CHECK(fs::is_empty(elsewhere.path()));
}

// An XDG_RUNTIME_DIR that cannot be stat'ed (here ELOOP) is one the run cannot use: the temporary
// folder is taken instead of an exception ending the deletion.
TEST_CASE("scratch: an XDG_RUNTIME_DIR that is a symlink loop falls back to the temporary folder") {
  TempDir dir;
  fs::create_directory_symlink("loop", dir / "loop");
  ScopedVariable scoped("XDG_RUNTIME_DIR", (dir / "loop").c_str());
  fs::path root;
  REQUIRE_NOTHROW(root = scratch_root());
  CHECK(root.parent_path() == fs::temp_directory_path());
}
