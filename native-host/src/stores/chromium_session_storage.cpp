#include "stores/chromium_session_storage.h"

#include <leveldb/db.h>
#include <leveldb/write_batch.h>

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

struct SessionKeys {
  std::vector<std::string> keys;  // every LevelDB key to delete
  std::vector<SiteItem> items;
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
SessionKeys collect_site_keys(leveldb::DB& db, const SiteMatcher& site, leveldb::Status& status) {
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

  SessionKeys found;
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

StoreOutcome read_from_copy(const fs::path& dir, const SiteMatcher& site, StoreOutcome outcome) {
  LevelDbReadCopy copy(dir);
  if (!copy.ok()) {
    skip_store(outcome, SkipReason::io_error, copy.error().empty() ? "cannot create a temporary copy" : copy.error());
    return outcome;
  }
  leveldb::Status status;
  auto db = open_leveldb(copy.path(), status);
  if (!db) {
    skip_store(outcome, leveldb_skip_reason(status), dir.string() + ": " + status.ToString());
    return outcome;
  }
  SessionKeys found = collect_site_keys(*db, site, status);
  if (!status.ok()) {
    skip_store(outcome, leveldb_skip_reason(status), dir.string() + ": " + status.ToString());
    return outcome;
  }
  outcome.items = std::move(found.items);
  return outcome;
}

}  // namespace

StoreOutcome ChromiumSessionStorageStore::inspect(const SiteMatcher& site) const {
  StoreOutcome outcome{std::string(id()), dir_, {}, {}, {}};
  if (!leveldb_dir_usable(dir_, "Session Storage", outcome)) return outcome;
  return read_from_copy(dir_, site, std::move(outcome));
}

StoreOutcome ChromiumSessionStorageStore::remove(const SiteMatcher& site, bool dry_run) {
  StoreOutcome outcome{std::string(id()), dir_, {}, {}, {}};
  if (!leveldb_dir_usable(dir_, "Session Storage", outcome)) return outcome;
  // As Local Storage: the lock test and a read from a copy first; the database is opened in place
  // (which rewrites its files) only when there is something to delete.
  if (leveldb_lock_is_held(dir_)) {
    skip_store(outcome, SkipReason::locked, dir_.string() + "/LOCK is held by another process (is the browser running?)");
    return outcome;
  }
  StoreOutcome preview = read_from_copy(dir_, site, outcome);
  if (dry_run || !preview.handled() || preview.items.empty()) return preview;
  PrivateUmask umask_for_new_files;
  leveldb::Status status;
  auto db = open_leveldb(dir_, status);
  if (!db) {
    skip_store(outcome, leveldb_skip_reason(status), dir_.string() + ": " + status.ToString());
    return outcome;
  }
  SessionKeys found = collect_site_keys(*db, site, status);
  if (!status.ok()) {
    skip_store(outcome, leveldb_skip_reason(status), dir_.string() + ": " + status.ToString());
    return outcome;
  }
  leveldb::WriteBatch batch;  // one batch: LevelDB applies all of it or none
  for (const std::string& key : found.keys) batch.Delete(key);
  leveldb::WriteOptions write;
  write.sync = true;
  status = db->Write(write, &batch);
  if (!status.ok()) {
    skip_store(outcome, leveldb_skip_reason(status), dir_.string() + ": " + status.ToString());
    return outcome;
  }
  // Compaction drops the deleted values from the table files instead of leaving them readable.
  db->CompactRange(nullptr, nullptr);
  outcome.items = std::move(found.items);
  return outcome;
}

}  // namespace cookiewarden
