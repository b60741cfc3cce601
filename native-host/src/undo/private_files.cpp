#include "undo/private_files.h"

#include <cerrno>
#include <cstdio>
#include <system_error>

#if defined(_WIN32)
#include <fstream>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

std::string failure(std::string_view action, const fs::path& path, int error) {
  return "cannot " + std::string(action) + " " + path.string() + ": " + std::generic_category().message(error);
}

}  // namespace

#if defined(_WIN32)

bool make_private_folder(const fs::path& dir, std::string& error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) error = failure("create", dir, ec.value());
  return !ec;
}

bool write_private_file(const fs::path& file, std::string_view bytes, std::string& error) {
  fs::path temp = file;
  temp += ".new";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      error = failure("write", temp, EIO);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temp, file, ec);
  if (ec) error = failure("rename", temp, ec.value());
  return !ec;
}

#else

// Creates `dir` 0700 after its missing parents (also 0700); existing ones are left alone.
bool create_missing(const fs::path& dir, std::string& error) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) == 0) return true;
  if (errno != ENOENT) {
    error = failure("inspect", dir, errno);
    return false;
  }
  if (dir.has_parent_path() && dir.parent_path() != dir && !create_missing(dir.parent_path(), error)) return false;
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    error = failure("create", dir, errno);
    return false;
  }
  return true;
}

bool make_private_folder(const fs::path& dir, std::string& error) {
  if (!create_missing(dir, error)) return false;
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    error = failure("inspect", dir, errno);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    error = dir.string() + " is a symlink or not a folder; the undo journal is not written through it";
    return false;
  }
  if (st.st_uid != ::getuid()) {
    error = dir.string() + " belongs to another user; the undo journal is not written there";
    return false;
  }
  if ((st.st_mode & 07777) != 0700 && ::chmod(dir.c_str(), 0700) != 0) {
    error = failure("make private", dir, errno);
    return false;
  }
  return true;
}

bool write_private_file(const fs::path& file, std::string_view bytes, std::string& error) {
  fs::path temp = file;
  temp += ".new";
  ::unlink(temp.c_str());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    error = failure("create", temp, errno);
    return false;
  }
  // open() applies the umask, which can only take bits away: 0600 stays at most 0600.
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  int write_error = written == bytes.size() ? 0 : (errno ? errno : EIO);
  if (write_error == 0 && ::fsync(fd) != 0) write_error = errno;
  ::close(fd);
  if (write_error == 0 && ::rename(temp.c_str(), file.c_str()) != 0) write_error = errno;
  if (write_error != 0) {
    ::unlink(temp.c_str());
    error = failure("write", file, write_error);
    return false;
  }
  return true;
}

#endif

}  // namespace cookiewarden
