#include "platform/private_scratch.h"

#include <charconv>
#include <cstdlib>
#include <system_error>

#include "platform/process_liveness.h"

#if !defined(_WIN32)
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

// The pid a scratch folder's name starts with ("4242-a8Xk2p"), or 0.
long owner_pid(const std::string& name) {
  long pid = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
  return ec == std::errc() && end != name.data() + name.size() && *end == '-' ? pid : 0;
}

// Creates the root if needed and checks it is ours alone; empty error when usable.
std::string prepare_root(const fs::path& root) {
  std::error_code ec;
  fs::create_directory(root, ec);
  if (ec) return "cannot create " + root.string() + ": " + ec.message();
#if defined(_WIN32)
  return {};  // %TEMP% is already private to the user
#else
  struct stat st {};
  if (::lstat(root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid())
    return root.string() + " is not a folder of this user; refusing to copy browser data into it";
  if ((st.st_mode & 077) != 0 && ::chmod(root.c_str(), 0700) != 0)
    return "cannot make " + root.string() + " private";
  return {};
#endif
}

fs::path new_folder_in(const fs::path& root) {
#if defined(_WIN32)
  std::error_code ec;
  for (unsigned attempt = 0; attempt < 100; ++attempt) {
    fs::path dir = root / (std::to_string(current_pid()) + "-" + std::to_string(attempt));
    if (fs::create_directory(dir, ec)) return dir;
  }
  return {};
#else
  std::string tmpl = (root / (std::to_string(current_pid()) + "-XXXXXX")).string();
  return ::mkdtemp(tmpl.data()) ? fs::path(tmpl) : fs::path();
#endif
}

}  // namespace

fs::path scratch_root() {
#if defined(_WIN32)
  std::error_code ec;
  return fs::temp_directory_path(ec) / "cookiewarden";
#else
  std::error_code ec;
  if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime && fs::is_directory(runtime, ec))
    return fs::path(runtime) / "cookiewarden";
  return fs::temp_directory_path(ec) / ("cookiewarden-" + std::to_string(::getuid()));
#endif
}

std::size_t remove_abandoned_scratch() {
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(scratch_root(), ec)) {
    long pid = owner_pid(entry.path().filename().string());
    if (pid == 0 || pid == current_pid() || process_alive(pid)) continue;
    std::error_code remove_ec;
    fs::remove_all(entry.path(), remove_ec);
    if (!remove_ec) ++removed;
  }
  return removed;
}

ScratchFolder::ScratchFolder() {
  fs::path root = scratch_root();
  if (error_ = prepare_root(root); !error_.empty()) return;
  remove_abandoned_scratch();
  path_ = new_folder_in(root);
  if (path_.empty()) error_ = "cannot create a scratch folder in " + root.string();
}

ScratchFolder::~ScratchFolder() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

}  // namespace cookiewarden
