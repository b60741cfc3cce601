#include "install/host_manifest.h"

#include <algorithm>

#include "install/extension_ids.h"
#include "platform/path_text.h"

namespace cookiewarden::install {

nlohmann::json host_manifest(BrowserFamily family, const std::filesystem::path& binary,
                             const std::vector<std::string>& extension_ids) {
  nlohmann::json manifest{
      {"name", kHostName},
      {"description", "Cookie Warden: deletes a site's data in every browser on this computer"},
      {"path", path_text(binary)},
      {"type", "stdio"},
  };
  if (family == BrowserFamily::firefox) {
    manifest["allowed_extensions"] = extension_ids;
  } else {
    nlohmann::json origins = nlohmann::json::array();
    for (const std::string& id : extension_ids) origins.push_back("chrome-extension://" + id + "/");
    manifest["allowed_origins"] = std::move(origins);
  }
  return manifest;
}

bool is_chromium_extension_id(std::string_view id) {
  return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

bool is_firefox_extension_id(std::string_view id) {
  if (id.empty() || id.size() > 80) return false;
  bool printable = std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c < 0x7F && c != '"' && c != '\\'; });
  bool guid = id.front() == '{' && id.back() == '}';
  return printable && (guid || id.find('@') != std::string_view::npos);
}

std::vector<std::string> manifest_allowed_callers(const nlohmann::json& manifest) {
  std::vector<std::string> out;
  if (!manifest.is_object()) return out;
  for (const char* key : {"allowed_origins", "allowed_extensions"}) {
    auto it = manifest.find(key);
    if (it == manifest.end() || !it->is_array()) continue;
    for (const auto& entry : *it)
      if (entry.is_string()) out.push_back(entry.get<std::string>());
  }
  return out;
}

}  // namespace cookiewarden::install
