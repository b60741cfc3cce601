#include "browsers/gnome_web_running.h"

#include <algorithm>
#include <fstream>
#include <string>

namespace cookiewarden {
namespace {

namespace fs = std::filesystem;

bool is_pid(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string process_name(const fs::path& process) {
  std::ifstream in(process / "comm");
  std::string name;
  std::getline(in, name);
  return name;
}

bool inside(const fs::path& file, const fs::path& folder) {
  auto [end, _] = std::mismatch(folder.begin(), folder.end(), file.begin(), file.end());
  return end == folder.end();
}

// The first file of `process` open under `folder`, or empty.
fs::path open_file_under(const fs::path& process, const fs::path& folder) {
  std::error_code ec;
  for (const auto& fd : fs::directory_iterator(process / "fd", ec)) {
    fs::path target = fs::read_symlink(fd.path(), ec);
    if (!ec && target.is_absolute() && inside(target, folder)) return target;
  }
  return {};
}

}  // namespace

RunningState gnome_web_running(const fs::path& profile, const fs::path& proc) {
  std::error_code ec;
  fs::path folder = fs::weakly_canonical(profile, ec);
  if (ec) folder = profile;
  for (const auto& entry : fs::directory_iterator(proc, ec)) {
    std::string pid = entry.path().filename().string();
    if (!is_pid(pid)) continue;
    std::string name = process_name(entry.path());
    if (name == "epiphany" || name == "epiphany-browse") return {true, "running: GNOME Web is pid " + pid};
    if (fs::path file = open_file_under(entry.path(), folder); !file.empty())
      return {true, "running: " + name + " (pid " + pid + ") has " + file.string() + " open"};
  }
  if (ec) return {true, "cannot list processes in " + proc.string() + " (" + ec.message() + "); assuming GNOME Web runs"};
  return {false, "no GNOME Web process and no process holding its files"};
}

}  // namespace cookiewarden
