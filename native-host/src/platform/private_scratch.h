// Where cookiewarden keeps copies of a browser's data while it reads them (LevelDB can only be
// read by opening it, which writes, so reports read a copy). Nothing of the user's data may
// outlive a run there, even a killed one:
//
// - the root is private: $XDG_RUNTIME_DIR/cookiewarden (a per-user tmpfs: a power loss empties
//   it) or <temp>/cookiewarden-<uid>; mode 0700, owned by us, never a symlink;
// - each folder is named "<pid>-<random>" for the run that made it and removed when it is done;
// - every new folder first removes the folders of runs that are gone (killed, crashed), so the
//   next run cleans up after an interrupted one.
#pragma once

#include <filesystem>
#include <string>

namespace cookiewarden {

class ScratchFolder {
 public:
  ScratchFolder();
  ~ScratchFolder();  // removes the folder and everything in it
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }
  const std::string& error() const { return error_; }  // when !ok()

 private:
  std::filesystem::path path_;
  std::string error_;
};

// The folder all scratch folders live in ($XDG_RUNTIME_DIR/cookiewarden, else the temp folder's
// cookiewarden-<uid>); tests point it elsewhere with those variables.
std::filesystem::path scratch_root();

// Removes the scratch folders of runs that are no longer alive. Returns how many.
std::size_t remove_abandoned_scratch();

}  // namespace cookiewarden
