#include "stores/chromium_session_storage.h"

#include <leveldb/db.h>

#include <map>
#include <memory>
#include <set>
#include <vector>

#include "stores/chromium_leveldb.h"
#include "stores/chromium_local_storage.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kNamespacePrefix = "namespace-";
constexpr std::string_view kMapPrefix = "map-";
constexpr std::size_t kNamespaceIdLength = 36;

// "namespace-<36-char id>-<storage key>" → the storage key; empty when the key is not one.
std::string_view namespace_storage_key(std::string_view key) {
  if (!key.starts_with(kNamespacePrefix)) return {};
  key.remove_prefix(kNamespacePrefix.size());
  if (key.size() <= kNamespaceIdLength + 1 || key[kNamespaceIdLength] != '-') return {};
  return key.substr(kNamespaceIdLength + 1);
}

// "map-<number>-<key>" → {number, key}; number empty when the key is not one.
std::pair<std::string_view, std::string_view> map_entry(std::string_view key) {
  if (!key.starts_with(kMapPrefix)) return {};
  key.remove_prefix(kMapPrefix.size());
  std::size_t dash = key.find('-');
  if (dash == 0 || dash == std::string_view::npos) return {};
  std::string_view number = key.substr(0, dash);
  if (number.find_first_not_of("0123456789") != std::string_view::npos) return {};
  return {number, key.substr(dash + 1)};
}

// "map-0-ss_www": Chromium writes session storage keys as the UTF-8 of the key name.
struct MapEntry {
  std::string key;  // the whole LevelDB key
  std::string name;
  std::size_t value_bytes = 0;
};

struct NamespaceEntry {
  std::string key;  // the whole LevelDB key
  std::string storage_key;
  std::string map;
};


bool belongs(std::string_view storage_key, const SiteMatcher& site) {
  StorageKeyParts parts = split_storage_key(storage_key);
  return site.matches_origin(parts.origin) || (!parts.top_level_site.empty() && site.matches_origin(parts.top_level_site));
}

SiteItem item_for(const NamespaceEntry& owner) {
  StorageKeyParts parts = split_storage_key(owner.storage_key);
  SiteItem item;
  item.kind = ItemKind::session_storage;
  item.host = std::string(parts.origin);
  item.partition = std::string(parts.top_level_site);
  return item;
}

// Reads the whole database (it holds one session's tabs: small) and works out the site's keys.
LevelDbSiteKeys collect_session_storage_keys(leveldb::DB& db, const SiteMatcher& site, leveldb::Status& status) {
  std::vector<NamespaceEntry> namespaces;
  std::map<std::string, std::vector<MapEntry>> maps;
  std::unique_ptr<leveldb::Iterator> it(db.NewIterator(leveldb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (std::string_view storage_key = namespace_storage_key(key); !storage_key.empty()) {
      namespaces.push_back({std::string(key), std::string(storage_key), it->value().ToString()});
    } else if (auto [number, name] = map_entry(key); !number.empty()) {
      maps[std::string(number)].push_back({std::string(key), std::string(name), it->value().size()});
    }
  }
  status = it->status();

  LevelDbSiteKeys found;
  std::map<std::string, const NamespaceEntry*> site_maps;  // map number → a site namespace using it
  std::set<std::string> kept_maps;
  for (const NamespaceEntry& entry : namespaces) {
    if (!belongs(entry.storage_key, site)) {
      kept_maps.insert(entry.map);
      continue;
    }
    found.keys.push_back(entry.key);
    site_maps.emplace(entry.map, &entry);
  }
  for (const auto& [number, owner] : site_maps) {
    // A map another (non-site) namespace still uses stays; the site's namespaces no longer name it.
    auto entries = maps.find(number);
    if (kept_maps.contains(number) || entries == maps.end() || entries->second.empty()) {
      found.items.push_back(item_for(*owner));
      continue;
    }
    for (const MapEntry& entry : entries->second) {
      found.keys.push_back(entry.key);
      SiteItem item = item_for(*owner);
      item.name = entry.name;
      item.bytes = entry.value_bytes;
      found.items.push_back(std::move(item));
    }
  }
  return found;
}

}  // namespace

StoreOutcome ChromiumSessionStorageStore::inspect(const SiteMatcher& site) const {
  return inspect_leveldb_store({std::string(id()), dir_, {}, {}, {}}, "Session Storage", dir_, site, collect_session_storage_keys);
}

StoreOutcome ChromiumSessionStorageStore::remove(const SiteMatcher& site, bool dry_run) {
  return remove_from_leveldb_store({std::string(id()), dir_, {}, {}, {}}, "Session Storage", dir_, site, collect_session_storage_keys,
                                   dry_run, journal());
}

}  // namespace cookiewarden
