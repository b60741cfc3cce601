#include "protocol/caller.h"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "install/extension_ids.h"
#include "install/host_manifest.h"
#include "install/install_record.h"
#include "install/manifest_locations.h"
#include "platform/small_file.h"
#include "platform/path_text.h"

namespace cookiewarden::protocol {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kMaxManifestBytes = 1 << 20;
constexpr std::string_view kChromiumScheme = "chrome-extension://";

std::optional<json> read_our_manifest(const fs::path& path) {
  auto bytes = read_small_file(path, kMaxManifestBytes);
  if (!bytes) return std::nullopt;
  json manifest = json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!manifest.is_object() || manifest.value("name", "") != install::kHostName) return std::nullopt;
  return manifest;
}

bool allows(const json& manifest, const std::string& caller) {
  auto allowed = install::manifest_allowed_callers(manifest);
  return std::find(allowed.begin(), allowed.end(), caller) != allowed.end();
}

bool names_binary(const json& manifest, const fs::path& self) {
  auto it = manifest.find("path");
  if (it == manifest.end() || !it->is_string() || self.empty()) return false;
  std::error_code ec;
  return fs::equivalent(path_from_text(it->get<std::string>()), self, ec);
}

std::vector<fs::path> chromium_manifest_candidates(const Environment& env) {
  std::vector<fs::path> paths;
  std::string file_name = std::string(install::kHostName) + ".json";
  if (auto record = install::load_install_record(install::install_record_path(env)))
    for (const auto& manifest : record->manifests) paths.push_back(manifest.path);
  for (const auto& location : install::manifest_locations(env))
    if (location.family == BrowserFamily::chromium) paths.push_back(location.manifest_path());
  for (const fs::path& dir : install::system_manifest_directories(env.os)) paths.push_back(dir / file_name);
  return paths;
}

Error refused(const std::string& who) {
  return {ErrorCode::not_allowed, who + " is not allowed to use this Cookie Warden host; run `cookiewarden install` "
                                        "with its id"};
}

}  // namespace

std::optional<Caller> native_messaging_caller(std::span<const std::string_view> args) {
  if (args.empty()) return std::nullopt;
  if (args[0].starts_with(kChromiumScheme)) return Caller{CallerKind::chromium, std::string(args[0]), {}};
  fs::path manifest(args[0]);
  if (args.size() >= 2 && manifest.is_absolute() && manifest.extension() == ".json")
    return Caller{CallerKind::firefox, std::string(args[1]), manifest};
  return std::nullopt;
}

std::optional<Error> check_caller(const Caller& caller, const Environment& env, const fs::path& self) {
  if (caller.kind == CallerKind::firefox) {
    auto manifest = read_our_manifest(caller.manifest);
    if (manifest && names_binary(*manifest, self) && allows(*manifest, caller.extension)) return std::nullopt;
    return refused("add-on '" + caller.extension + "'");
  }
  for (const fs::path& path : chromium_manifest_candidates(env)) {
    auto manifest = read_our_manifest(path);
    if (manifest && allows(*manifest, caller.extension)) return std::nullopt;
  }
  return refused("extension '" + caller.extension + "'");
}

}  // namespace cookiewarden::protocol
