// The last question before a store makes an edit durable (a SQLite COMMIT, a LevelDB write, a
// file renamed over the original, folders moved out of the browser's sight): may it still?
//
// While delete_site edits a profile it opens a gate that re-checks the browser's lock
// (deletion/profile_edit_lock.h). A browser can take a profile from us only where it allows
// that (Chromium's "Unlock profile" button); the check right before each commit keeps such a
// browser from seeing a commit land under it: the store rolls back and reports.
//
// Tests: with COOKIEWARDEN_TEST_PAUSE_DIR set, every commit point first writes
// <dir>/paused (naming the file about to be committed) and waits until the test removes it, so a
// real browser can be launched while the edit is open. Never set outside tests.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace cookiewarden {

// Why the commit must not happen, or nothing.
using CommitCheck = std::function<std::optional<std::string>()>;

// Asked by a store right before it commits `what` (a file or folder). Nothing: go ahead. Only
// the gates the calling thread opened are asked.
std::optional<std::string> commit_refusal(const std::string& what);

// Installs `check` for its lifetime on this thread, in addition to the gates it already opened
// (each is asked; the first refusal wins). Gates close in the reverse order they opened (scoped
// objects).
class CommitGate {
 public:
  explicit CommitGate(CommitCheck check);
  ~CommitGate();
  CommitGate(const CommitGate&) = delete;
  CommitGate& operator=(const CommitGate&) = delete;

 private:
  friend std::optional<std::string> commit_refusal(const std::string& what);
  CommitCheck check_;
  CommitGate* outer_;
};

}  // namespace cookiewarden
