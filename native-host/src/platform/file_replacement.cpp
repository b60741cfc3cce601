#include "platform/file_replacement.h"

#include "platform/commit_gate.h"
#include "platform/process_liveness.h"
#include "platform/windows_error.h"

#include <algorithm>
#include <cerrno>
#include <charconv>

#if defined(_WIN32)
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

FileFailure system_failure(std::string action, int error) { return {FileFailure::Kind::system, error, std::move(action)}; }
FileFailure changed_failure(std::string action) { return {FileFailure::Kind::changed, 0, std::move(action)}; }

bool same_version(const FileStamp& a, const FileStamp& b) {
  return a.device == b.device && a.inode == b.inode && a.size == b.size && a.modified_ns == b.modified_ns;
}

// Hidden, named for us and for this run's pid, so a leftover after a crash is recognisable.
// Built by appending: GCC 12 misreports operator+ chains here (-Wrestrict).
std::string temporary_prefix(const fs::path& file) {
  std::string prefix = ".";
  prefix.append(file.filename().string()).append(".cookiewarden-");
  return prefix;
}

fs::path temporary_name_beside(const fs::path& file, const std::string& unique) {
  return file.parent_path() / (temporary_prefix(file) + std::to_string(current_pid()) + "-" + unique);
}

// The pid in a temporary's name (".Cookies.binarycookies.cookiewarden-4242-a8Xk2p"), or 0.
long temporary_pid(const std::string& name, const std::string& prefix) {
  if (!name.starts_with(prefix)) return 0;
  long pid = 0;
  const char* begin = name.data() + prefix.size();
  auto [end, ec] = std::from_chars(begin, name.data() + name.size(), pid);
  return ec == std::errc() && end != name.data() + name.size() && *end == '-' ? pid : 0;
}

}  // namespace

std::size_t remove_abandoned_replacements(const fs::path& file) {
  const std::string prefix = temporary_prefix(file);
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(file.parent_path().empty() ? "." : file.parent_path(), ec)) {
    long pid = temporary_pid(entry.path().filename().string(), prefix);
    if (pid == 0 || pid == current_pid() || process_alive(pid) || !entry.is_regular_file() || entry.is_symlink()) continue;
    std::error_code remove_ec;
    if (fs::remove(entry.path(), remove_ec)) ++removed;
  }
  return removed;
}

#if defined(_WIN32)

namespace {

FileFailure last_failure(std::string action) { return system_failure(std::move(action), errno_for_windows_error(GetLastError())); }

class Handle {
 public:
  explicit Handle(HANDLE h) : h_(h) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (valid()) CloseHandle(h_);
  }
  bool valid() const { return h_ != INVALID_HANDLE_VALUE; }
  HANDLE get() const { return h_; }

 private:
  HANDLE h_;
};

// FILE_FLAG_OPEN_REPARSE_POINT opens a symlink or junction itself instead of its target.
std::optional<FileFailure> stamp_of(HANDLE h, FileStamp& out) {
  BY_HANDLE_FILE_INFORMATION info{};
  if (!GetFileInformationByHandle(h, &info)) return last_failure("stat");
  if (info.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT))
    return FileFailure{FileFailure::Kind::not_regular, 0, "is not a regular file"};
  out.device = info.dwVolumeSerialNumber;
  out.inode = (std::uint64_t{info.nFileIndexHigh} << 32) | info.nFileIndexLow;
  out.size = (std::uint64_t{info.nFileSizeHigh} << 32) | info.nFileSizeLow;
  out.modified_ns = static_cast<std::int64_t>((std::uint64_t{info.ftLastWriteTime.dwHighDateTime} << 32) |
                                              info.ftLastWriteTime.dwLowDateTime) * 100;
  return std::nullopt;
}

}  // namespace

std::optional<FileFailure> load_file(const fs::path& file, LoadedFile& out) {
  Handle h(CreateFileW(file.c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                       FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
  if (!h.valid()) return last_failure("open");
  if (auto failure = stamp_of(h.get(), out.stamp)) return failure;
  out.bytes.resize(static_cast<std::size_t>(out.stamp.size));
  std::size_t done = 0;
  while (done < out.bytes.size()) {
    DWORD n = 0;
    DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(out.bytes.size() - done, 1u << 30));
    if (!ReadFile(h.get(), out.bytes.data() + done, chunk, &n, nullptr)) return last_failure("read");
    if (n == 0) return changed_failure("shrank while it was being read");
    done += n;
  }
  return std::nullopt;
}

std::optional<FileFailure> replace_file(const fs::path& file, const FileStamp& original, std::span<const std::uint8_t> bytes) {
  remove_abandoned_replacements(file);
  const fs::path temp = temporary_name_beside(file, "0");
  {
    Handle h(CreateFileW(temp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr));
    if (!h.valid()) return last_failure("create a temporary file beside it");
    for (std::size_t done = 0; done < bytes.size();) {
      DWORD n = 0;
      DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - done, 1u << 30));
      if (!WriteFile(h.get(), bytes.data() + done, chunk, &n, nullptr) || n == 0) {
        auto failure = last_failure("write the temporary file");
        DeleteFileW(temp.c_str());
        return failure;
      }
      done += n;
    }
    if (!FlushFileBuffers(h.get())) {
      auto failure = last_failure("flush the temporary file");
      DeleteFileW(temp.c_str());
      return failure;
    }
  }
  LoadedFile now;
  Handle current(CreateFileW(file.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                             OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
  if (!current.valid() || stamp_of(current.get(), now.stamp) || !same_version(original, now.stamp)) {
    DeleteFileW(temp.c_str());
    return changed_failure("was modified while being edited; left as it is now");
  }
  if (auto refusal = commit_refusal(file.string())) {
    DeleteFileW(temp.c_str());
    return changed_failure(*refusal);
  }
  if (!MoveFileExW(temp.c_str(), file.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    auto failure = last_failure("rename over");
    DeleteFileW(temp.c_str());
    return failure;
  }
  return std::nullopt;
}

#else

namespace {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // close() reports write-back errors that a destructor would swallow.
  int close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

std::int64_t modified_ns(const struct stat& st) {
#ifdef __APPLE__
  const struct timespec& t = st.st_mtimespec;
#else
  const struct timespec& t = st.st_mtim;
#endif
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

FileStamp stamp_of(const struct stat& st) {
  return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
          static_cast<std::uint64_t>(st.st_size), modified_ns(st), static_cast<std::uint32_t>(st.st_mode & 07777),
          static_cast<std::uint32_t>(st.st_uid), static_cast<std::uint32_t>(st.st_gid)};
}

bool write_all(int fd, std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::optional<FileFailure> load_file(const fs::path& file, LoadedFile& out) {
  // O_NONBLOCK: opening a FIFO planted under the file's name would otherwise wait for a writer
  // forever; a regular file reads the same either way.
  FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) return system_failure("open", errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return system_failure("stat", errno);
  if (!S_ISREG(st.st_mode)) return FileFailure{FileFailure::Kind::not_regular, 0, "is not a regular file"};
  out.stamp = stamp_of(st);
  out.bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (done < out.bytes.size()) {
    ssize_t n = ::read(fd.get(), out.bytes.data() + done, out.bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return system_failure("read", errno);
    if (n == 0) return changed_failure("shrank while it was being read");
    done += static_cast<std::size_t>(n);
  }
  return std::nullopt;
}

std::optional<FileFailure> replace_file(const fs::path& file, const FileStamp& original, std::span<const std::uint8_t> bytes) {
  remove_abandoned_replacements(file);
  std::string temp = temporary_name_beside(file, "XXXXXX").string();  // mkstemp fills in the X
  FileDescriptor fd(::mkstemp(temp.data()));
  if (fd.get() < 0) return system_failure("create a temporary file beside it", errno);
  auto abandon = [&](FileFailure failure) {
    ::unlink(temp.c_str());
    return failure;
  };
  if (::fchmod(fd.get(), original.mode) != 0) return abandon(system_failure("chmod the temporary file", errno));
  // Only root may give the file away; anyone else already owns what they create.
  if (::fchown(fd.get(), original.owner, original.group) != 0 && errno != EPERM)
    return abandon(system_failure("chown the temporary file", errno));
  if (!write_all(fd.get(), bytes)) return abandon(system_failure("write the temporary file", errno));
  if (::fsync(fd.get()) != 0) return abandon(system_failure("fsync the temporary file", errno));
  if (fd.close() != 0) return abandon(system_failure("close the temporary file", errno));
  struct stat now {};
  if (::lstat(file.c_str(), &now) != 0) return abandon(system_failure("stat", errno));
  if (!same_version(original, stamp_of(now))) return abandon(changed_failure("was modified while being edited; left as it is now"));
  if (auto refusal = commit_refusal(file.string())) return abandon(changed_failure(*refusal));
  if (::rename(temp.c_str(), file.c_str()) != 0) return abandon(system_failure("rename over", errno));
  FileDescriptor dir(::open(file.parent_path().empty() ? "." : file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());  // the rename is done; a failed folder sync cannot be undone
  return std::nullopt;
}

#endif

}  // namespace cookiewarden
