#include "serve/paired_installs.h"

#include <algorithm>
#include <optional>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "platform/sha256.h"
#include "undo/private_files.h"

namespace cookiewarden::serve {
namespace {

using nlohmann::json;

// 1: each install's token in clear (read, then rewritten as 2); 2: its SHA-256, and serve's port.
constexpr int kClearTokensVersion = 1;
constexpr int kFormatVersion = 2;

json to_json(const PairedInstall& install) {
  return {{"id", install.id}, {"origin", install.origin}, {"token_sha256", install.token_sha256},
          {"paired_at", install.paired_at}};
}

bool is_string_field(const json& entry, const char* key) { return entry.contains(key) && entry[key].is_string(); }

// One saved install, or nullopt when the entry is not one a `version` file holds.
std::optional<PairedInstall> from_json(const json& entry, int version) {
  if (!entry.is_object()) return std::nullopt;
  const char* secret = version == kClearTokensVersion ? "token" : "token_sha256";
  for (const char* key : {"id", "origin", secret})
    if (!is_string_field(entry, key)) return std::nullopt;
  if (!entry.contains("paired_at") || !entry["paired_at"].is_number_integer()) return std::nullopt;
  std::string digest = version == kClearTokensVersion ? sha256_hex(entry["token"].get<std::string>())
                                                      : entry["token_sha256"].get<std::string>();
  return PairedInstall{entry["id"], entry["origin"], std::move(digest), entry["paired_at"]};
}

std::optional<std::uint16_t> saved_port(const json& saved) {
  if (!saved.contains("port")) return 0;
  const json& port = saved["port"];
  if (!port.is_number_unsigned() || port.get<std::uint64_t>() > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(port.get<std::uint64_t>());
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
  int version = saved.is_object() ? saved.value("version", 0) : 0;
  auto port = saved.is_object() ? saved_port(saved) : std::nullopt;
  if ((version != kFormatVersion && version != kClearTokensVersion) || !port || !saved.contains("installs") ||
      !saved["installs"].is_array())
    return {warden::Status::invalid_json, file.string() + " is not a list of paired extensions (move it away to start afresh)"};
  installs.port_ = *port;
  for (const json& entry : saved["installs"]) {
    auto install = from_json(entry, version);
    if (!install) return {warden::Status::invalid_json, file.string() + " holds an entry that is not a paired extension"};
    installs.installs_.push_back(std::move(*install));
  }
  std::string error;
  if (version == kClearTokensVersion && !installs.save(error))
    return {warden::Status::unsupported, "cannot replace the tokens kept in clear in " + file.string() + ": " + error};
  return installs;
}

std::optional<std::uint16_t> PairedInstalls::paired_port() const {
  if (installs_.empty() || port_ == 0) return std::nullopt;
  return port_;
}

warden::Result<NewPairing> PairedInstalls::pair(std::string origin, std::int64_t now) {
  auto token = AccessToken::generate();
  auto id = AccessToken::generate();
  if (!token.ok() || !id.ok()) return {warden::Status::unsupported, "the operating system gave no random bytes for a token"};
  PairedInstall install{id->text().substr(0, 16), std::move(origin), sha256_hex(token->text()), now};
  installs_.push_back(install);
  std::string error;
  if (!save(error)) {
    installs_.pop_back();
    return {warden::Status::unsupported, error};
  }
  return NewPairing{std::move(install), std::move(token).value()};
}

bool PairedInstalls::admits(std::string_view origin, std::string_view token) const {
  std::string digest = sha256_hex(token);
  bool found = false;
  // AccessToken's comparison, on the digests: constant time like every other token check.
  for (const PairedInstall& install : installs_)
    if (install.origin == origin && AccessToken::from_text(install.token_sha256).matches(digest)) found = true;
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
  json saved = {{"version", kFormatVersion}, {"port", port_}, {"installs", std::move(list)}};
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
