// The request set (requests.jsonl) may not be redistributed, so the repository does not hold it. A
// test that needs it asks here for its path. Without WARDEN_CORPUS_DIR (CMake gives every test the
// value it was configured with) the test prints why it cannot run and returns; the test binary then
// exits with kSkippedExitCode, which CTest (SKIP_RETURN_CODE) reports as skipped, never as passed.
#pragma once

#include <optional>
#include <string>

namespace warden::test {

inline constexpr int kSkippedExitCode = 77;

// The path of `name` in the corpus folder, or std::nullopt when no folder is given (the running test
// is then skipped: return from it). A folder without the file fails the test: CI must run them all.
std::optional<std::string> corpus_file(const char* name);

}  // namespace warden::test
