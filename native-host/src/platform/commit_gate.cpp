#include "platform/commit_gate.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

// Per thread: a store commits on the thread that edits its profile, and profiles edited side by
// side (deletion/profile_workers.h) must each be gated by their own browser's lock only.
CommitGate*& innermost() {
  thread_local CommitGate* gate = nullptr;
  return gate;
}

// The test hook: announce the pause, wait for the test to lift it.
void pause_for_test(const std::string& what) {
  const char* dir = std::getenv("COOKIEWARDEN_TEST_PAUSE_DIR");
  if (!dir || !*dir) return;
  fs::path marker = fs::path(dir) / "paused";
  fs::path pending = fs::path(dir) / "paused.new";
  std::ofstream(pending) << what << '\n';
  std::error_code ec;
  fs::rename(pending, marker, ec);  // the test never reads a half-written marker
  while (!ec && fs::exists(marker, ec)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

}  // namespace

CommitGate::CommitGate(CommitCheck check) : check_(std::move(check)), outer_(innermost()) { innermost() = this; }
CommitGate::~CommitGate() { innermost() = outer_; }

std::optional<std::string> commit_refusal(const std::string& what) {
  pause_for_test(what);
  for (const CommitGate* gate = innermost(); gate; gate = gate->outer_)
    if (auto refusal = gate->check_()) return refusal;
  return std::nullopt;
}

}  // namespace cookiewarden
