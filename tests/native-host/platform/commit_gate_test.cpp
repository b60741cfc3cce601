// The commit gate (platform/commit_gate.h): a store's commit is asked of the gates its own thread
// opened, so profiles edited side by side are each gated by their own browser's lock only.
#include "platform/commit_gate.h"

#include <doctest/doctest.h>

#include <future>
#include <optional>
#include <string>
#include <thread>

using namespace cookiewarden;

TEST_CASE("commit gate: gates nest on a thread and close in reverse order") {
  CHECK_FALSE(commit_refusal("file"));
  {
    CommitGate allow([]() -> std::optional<std::string> { return std::nullopt; });
    CHECK_FALSE(commit_refusal("file"));
    {
      CommitGate refuse([]() -> std::optional<std::string> { return "the browser took the profile"; });
      CHECK(commit_refusal("file") == "the browser took the profile");
    }
    CHECK_FALSE(commit_refusal("file"));
  }
  CHECK_FALSE(commit_refusal("file"));
}

TEST_CASE("commit gate: another thread's gate neither refuses this thread's commit nor outlives its own scope") {
  std::promise<void> opened, asked;
  std::thread other([&] {
    CommitGate refuse([]() -> std::optional<std::string> { return "the other profile's browser started"; });
    CHECK(commit_refusal("other file") == "the other profile's browser started");
    opened.set_value();
    asked.get_future().wait();
  });
  opened.get_future().wait();
  {
    CommitGate mine([]() -> std::optional<std::string> { return std::nullopt; });
    CHECK_FALSE(commit_refusal("my file"));
  }
  asked.set_value();
  other.join();
  CHECK_FALSE(commit_refusal("my file"));
}
