#include "browsers/firefox_profiles.h"

#include <algorithm>
#include <optional>
#include <string>

#include "browsers/ini_file.h"
#include "platform/path_presence.h"
#include "platform/path_text.h"
#include "platform/small_file.h"

namespace cookiewarden {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxProfilesIniBytes = 1 << 20;

// profiles.ini always uses '/' in relative paths, on every OS.
std::optional<fs::path> relative_profile_path(const fs::path& root, const std::string& relative) {
  fs::path rel = fs::path(relative).lexically_normal();
  if (rel.empty() || rel.is_absolute() || rel.has_root_name() || *rel.begin() == "..") return std::nullopt;
  return root / rel;
}

std::optional<fs::path> profile_path(const fs::path& root, const IniSection& section) {
  std::string path = section.get("Path");
  if (path.empty()) return std::nullopt;
  if (section.get("IsRelative") == "0") {
    fs::path absolute(path);
    if (!absolute.is_absolute()) return std::nullopt;
    return absolute.lexically_normal();
  }
  return relative_profile_path(root, path);
}

// The [Install<hash>] Default= of the install that used this root most recently wins; all
// installs agree in the common single-install case.
std::optional<fs::path> install_default(const fs::path& root, const std::vector<IniSection>& sections) {
  for (const IniSection& section : sections) {
    if (!section.name.starts_with("Install")) continue;
    std::string path = section.get("Default");
    if (path.empty()) continue;
    fs::path p(path);
    if (p.is_absolute()) return p.lexically_normal();
    if (auto rel = relative_profile_path(root, path)) return rel;
  }
  return std::nullopt;
}

BrowserProfile make_profile(const BrowserLocation& location, const fs::path& dir, std::string name) {
  std::string id = path_text(dir.filename());
  return {std::string(location.browser_id), std::string(location.browser_name), BrowserFamily::firefox, id,
          name.empty() ? id : std::move(name), location.root, dir, false};
}

}  // namespace

std::vector<BrowserProfile> firefox_profiles(const BrowserLocation& location) {
  std::vector<BrowserProfile> out;
  auto text = read_small_file(location.root / "profiles.ini", kMaxProfilesIniBytes);
  if (!text) return out;
  std::vector<IniSection> sections = parse_ini(*text);
  std::optional<fs::path> chosen = install_default(location.root, sections);
  std::optional<fs::path> marked;

  for (const IniSection& section : sections) {
    if (!section.name.starts_with("Profile")) continue;
    std::optional<fs::path> dir = profile_path(location.root, section);
    // A relative profile must not be a symlink leading out of the root; an absolute one is where
    // the user put it, but must itself be a directory, not a link to one.
    if (!dir || !is_real_directory(*dir)) continue;
    if (std::any_of(out.begin(), out.end(), [&](const BrowserProfile& p) { return p.path == *dir; })) continue;
    if (section.get("Default") == "1") marked = *dir;
    out.push_back(make_profile(location, *dir, section.get("Name")));
  }
  // An install's default that no [Profile] section names (hand-edited ini) is still a profile.
  if (chosen && is_real_directory(*chosen) &&
      std::none_of(out.begin(), out.end(), [&](const BrowserProfile& p) { return p.path == *chosen; }))
    out.push_back(make_profile(location, *chosen, ""));

  std::optional<fs::path> default_dir = chosen ? chosen : marked;
  for (BrowserProfile& profile : out) profile.is_default = default_dir && profile.path == *default_dir;
  std::sort(out.begin(), out.end(), [](const BrowserProfile& a, const BrowserProfile& b) {
    return a.profile_id < b.profile_id;
  });
  return out;
}

}  // namespace cookiewarden
