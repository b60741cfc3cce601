// Editing a browser's file that is not a database (Safari's Cookies.binarycookies, Firefox's
// sessionstore.jsonlz4): read it whole without following a symlink, then replace it atomically —
// a new file beside it with the same mode (and owner, where we may), flushed to disk, renamed over
// the original only if the original has not changed since it was read. A crash leaves the old
// file or the new one, never half of either.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cookiewarden {

// What identifies one version of a file: a rewrite or a replacement changes it.
struct FileStamp {
  std::uint64_t device = 0, inode = 0;  // Windows: volume serial number and file index
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;
  std::uint32_t mode = 0;  // permission bits (POSIX)
  std::uint32_t owner = 0, group = 0;
};

struct LoadedFile {
  std::vector<std::uint8_t> bytes;
  FileStamp stamp;
};

struct FileFailure {
  enum class Kind {
    system,       // `error` holds the errno (Windows errors are mapped to the nearest errno)
    not_regular,  // a folder, device, FIFO or symlink: refused, never followed
    changed,      // the file changed since it was read (or while being read)
  };
  Kind kind = Kind::system;
  int error = 0;
  std::string action;  // what failed, in words: "open", "rename over", ...
};

std::optional<FileFailure> load_file(const std::filesystem::path& file, LoadedFile& out);

// Replaces `file` with `bytes` unless it no longer matches `original` (from load_file). The new
// file is written beside it as ".<name>.cookiewarden-<pid>-<random>"; temporaries of runs that
// are gone (killed before their rename) are removed first, since each is a copy of the data.
std::optional<FileFailure> replace_file(const std::filesystem::path& file, const FileStamp& original,
                                        std::span<const std::uint8_t> bytes);

// Removes the temporaries that runs no longer alive left beside `file`. Returns how many. Every
// deletion in a store of such a file calls it, whether or not it rewrites the file.
std::size_t remove_abandoned_replacements(const std::filesystem::path& file);

}  // namespace cookiewarden
