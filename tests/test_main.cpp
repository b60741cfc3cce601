#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "request_corpus.h"

namespace warden::test {

namespace {
bool skipped = false;  // a test of this run was skipped for want of the corpus
}

std::optional<std::string> corpus_file(const char* name) {
  const char* dir = std::getenv("WARDEN_CORPUS_DIR");
  if (dir == nullptr || *dir == '\0') {
    std::printf("SKIPPED \"%s\": needs %s, the request set, which may not be redistributed and is not in the "
                "repository; to run it, configure with WARDEN_CORPUS_DIR set to the folder holding it "
                "(.ci/run sets it)\n",
                doctest::getContextOptions()->currentTest->m_name, name);
    skipped = true;
    return std::nullopt;
  }
  std::string path = (std::filesystem::path(dir) / name).string();
  REQUIRE_MESSAGE(std::filesystem::is_regular_file(path), "WARDEN_CORPUS_DIR=", dir, " has no ", name);
  return path;
}

}  // namespace warden::test

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  int failed = context.run();
  if (failed != 0 || context.shouldExit()) return failed;
  return warden::test::skipped ? warden::test::kSkippedExitCode : 0;
}
