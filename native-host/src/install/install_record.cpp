#include "install/install_record.h"

#include <algorithm>
#include <span>

#include <nlohmann/json.hpp>

#include "platform/file_contents.h"
#include "platform/path_presence.h"
#include "platform/path_text.h"
#include "platform/small_file.h"

namespace cookiewarden::install {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kMaxRecordBytes = 1 << 20;

template <class T>
void add_missing(std::vector<T>& to, const std::vector<T>& from) {
  for (const T& item : from)
    if (std::find(to.begin(), to.end(), item) == to.end()) to.push_back(item);
}

std::string text(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<InstallRecord> from_json(const json& doc) {
  if (!doc.is_object() || doc.value("version", 0) != 1) return std::nullopt;
  InstallRecord record;
  for (const json& m : doc.value("manifests", json::array()))
    if (m.is_object()) record.manifests.push_back({text(m, "browser"), path_from_text(text(m, "path"))});
  for (const json& r : doc.value("registry", json::array()))
    if (r.is_object()) record.registry.push_back({text(r, "browser"), text(r, "key"), text(r, "value")});
  for (const json& d : doc.value("directories", json::array()))
    if (d.is_string()) record.directories.push_back(path_from_text(d.get<std::string>()));
  for (const json& a : doc.value("launch_agents", json::array()))
    if (a.is_string()) record.launch_agents.push_back(path_from_text(a.get<std::string>()));
  return record;
}

json to_json(const InstallRecord& record) {
  json doc{{"version", 1}, {"manifests", json::array()}, {"registry", json::array()}, {"directories", json::array()}};
  for (const auto& m : record.manifests) doc["manifests"].push_back({{"browser", m.browser_id}, {"path", path_text(m.path)}});
  for (const auto& r : record.registry)
    doc["registry"].push_back({{"browser", r.browser_id}, {"key", r.key}, {"value", r.value}});
  for (const auto& d : record.directories) doc["directories"].push_back(path_text(d));
  // Only when there is one: records of installs without --safari stay as they were.
  for (const auto& a : record.launch_agents) doc["launch_agents"].push_back(path_text(a));
  return doc;
}

}  // namespace

void InstallRecord::merge(const InstallRecord& other) {
  add_missing(manifests, other.manifests);
  add_missing(registry, other.registry);
  add_missing(directories, other.directories);
  add_missing(launch_agents, other.launch_agents);
}

fs::path install_record_path(const Environment& env) {
  fs::path config;
  switch (env.os) {
    case Os::linux_: config = env.dir_var("XDG_CONFIG_HOME", ".config"); break;
    case Os::macos: config = env.home / "Library" / "Application Support"; break;
    case Os::windows: config = env.dir_var("APPDATA", "AppData/Roaming"); break;
  }
  return config / "cookiewarden" / "install-record.json";
}

std::optional<InstallRecord> load_install_record(const fs::path& path) {
  if (!path_present(path)) return InstallRecord{};
  auto bytes = read_small_file(path, kMaxRecordBytes);
  if (!bytes) return std::nullopt;
  return from_json(json::parse(*bytes, nullptr, /*allow_exceptions=*/false));
}

bool save_install_record(const fs::path& path, const InstallRecord& record) {
  std::error_code ec;
  if (record.empty()) {
    fs::remove(path, ec);
    return !ec;
  }
  fs::create_directories(path.parent_path(), ec);
  std::string bytes = to_json(record).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  return write_file_atomically(
             path, {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}) == warden::Status::ok;
}

}  // namespace cookiewarden::install
