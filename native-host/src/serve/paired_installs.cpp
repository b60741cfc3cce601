#include "serve/paired_installs.h"

#include <algorithm>
#include <optional>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "undo/private_files.h"

namespace cookiewarden::serve {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

json to_json(const PairedInstall& install) {
  return {{"id", install.id}, {"origin", install.origin}, {"token", install.token.text()}, {"paired_at", install.paired_at}};
}

// One saved install, or nullopt when the entry is not one this version wrote.
std::optional<PairedInstall> from_json(const json& entry) {
  if (!entry.is_object()) return std::nullopt;
  for (const char* key : {"id", "origin", "token"})
    if (!entry.contains(key) || !entry[key].is_string()) return std::nullopt;
  if (!entry.contains("paired_at") || !entry["paired_at"].is_number_integer()) return std::nullopt;
  return PairedInstall{entry["id"], entry["origin"], AccessToken::from_text(entry["token"]), entry["paired_at"]};
}

}  // namespace

warden::Result<PairedInstalls> PairedInstalls::load(std::filesystem::path file) {
  PairedInstalls installs(file);
  std::error_code ec;
  if (!std::filesystem::exists(file, ec) && !ec) return installs;
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return {warden::Status::unsupported, "cannot read the paired extensions in " + file.string()};
  json saved = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!saved.is_object() || saved.value("version", 0) != kFormatVersion || !saved.contains("installs") ||
      !saved["installs"].is_array())
    return {warden::Status::invalid_json, file.string() + " is not a list of paired extensions (move it away to start afresh)"};
  for (const json& entry : saved["installs"]) {
    auto install = from_json(entry);
    if (!install) return {warden::Status::invalid_json, file.string() + " holds an entry that is not a paired extension"};
    installs.installs_.push_back(std::move(*install));
  }
  return installs;
}

warden::Result<PairedInstall> PairedInstalls::pair(std::string origin, std::int64_t now) {
  auto token = AccessToken::generate();
  auto id = AccessToken::generate();
  if (!token.ok() || !id.ok()) return {warden::Status::unsupported, "the operating system gave no random bytes for a token"};
  PairedInstall install{id->text().substr(0, 16), std::move(origin), std::move(token).value(), now};
  installs_.push_back(install);
  std::string error;
  if (!save(error)) {
    installs_.pop_back();
    return {warden::Status::unsupported, error};
  }
  return install;
}

bool PairedInstalls::admits(std::string_view origin, std::string_view token) const {
  bool found = false;
  for (const PairedInstall& install : installs_)
    if (install.origin == origin && install.token.matches(token)) found = true;
  return found;
}

warden::Result<bool> PairedInstalls::revoke(std::string_view id) {
  auto it = std::find_if(installs_.begin(), installs_.end(), [id](const PairedInstall& i) { return i.id == id; });
  if (it == installs_.end()) return false;
  PairedInstall removed = std::move(*it);
  installs_.erase(it);
  std::string error;
  if (!save(error)) {
    installs_.push_back(std::move(removed));
    return {warden::Status::unsupported, error};
  }
  return true;
}

bool PairedInstalls::save(std::string& error) const {
  json list = json::array();
  for (const PairedInstall& install : installs_) list.push_back(to_json(install));
  json saved = {{"version", kFormatVersion}, {"installs", std::move(list)}};
  return make_private_folder(file_.parent_path(), error) && write_private_file(file_, saved.dump(2), error);
}

std::filesystem::path paired_installs_file(const Environment& env) {
  constexpr const char* kName = "paired-extensions.json";
  switch (env.os) {
    case Os::macos: return env.home / "Library" / "Application Support" / "Cookie Warden" / kName;
    case Os::windows: return env.dir_var("LOCALAPPDATA", "AppData/Local") / "CookieWarden" / kName;
    case Os::linux_: break;
  }
  return env.dir_var("XDG_STATE_HOME", ".local/state") / "cookiewarden" / kName;
}

}  // namespace cookiewarden::serve
