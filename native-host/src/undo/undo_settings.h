// Where the undo journal lives and how long it keeps what deletions removed.
//
//   Linux    $XDG_STATE_HOME/cookiewarden/undo (default ~/.local/state/cookiewarden/undo)
//   macOS    ~/Library/Application Support/Cookie Warden/Undo
//   Windows  %LOCALAPPDATA%\CookieWarden\Undo
#pragma once

#include <cstdint>
#include <filesystem>

#include "platform/environment.h"

namespace cookiewarden {

struct UndoSettings {
  static constexpr int kDefaultKeepDays = 7;
  static constexpr std::uint64_t kDefaultMaxBytes = std::uint64_t{512} << 20;

  bool enabled = true;  // false: `--no-undo`, nothing is recorded
  std::filesystem::path folder;
  // A journal can be undone for this many days after its deletion; then pruning removes it.
  int keep_days = kDefaultKeepDays;
  // Pruning removes the oldest journals until all of them together take at most this much.
  std::uint64_t max_bytes = kDefaultMaxBytes;

  static UndoSettings for_environment(const Environment& env);
};

std::filesystem::path undo_folder(const Environment& env);

}  // namespace cookiewarden
