#include "stores/webkit_local_storage.h"

#include "stores/site_folders.h"
#include "stores/sqlite_database.h"
#include "stores/webkit_origin.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSuffix = ".localstorage";
// SQLite's companions of a database file: they belong to it and go with it.
constexpr std::string_view kCompanions[] = {"-wal", "-shm", "-journal"};

// The origin of "<identifier>.localstorage[-wal|-shm|-journal]", or empty.
std::string file_origin(std::string_view name) {
  for (std::string_view companion : kCompanions)
    if (name.ends_with(companion)) name.remove_suffix(companion.size());
  if (!name.ends_with(kSuffix)) return {};
  name.remove_suffix(kSuffix.size());
  return webkit_identifier_origin(name);
}

bool is_companion(const fs::path& file) {
  std::string name = file.filename().string();
  for (std::string_view companion : kCompanions)
    if (name.ends_with(companion)) return true;
  return false;
}

// What a person is shown for one origin's database: its keys (ItemTable, read only), or the file
// itself when its keys cannot be read. The files are what is removed (site_files).
std::vector<SiteItem> keys_of(const SiteItem& file) {
  std::vector<SiteItem> keys;
  SqliteDatabase db;
  if (db.open(file.path, SqliteAccess::read_only).ok()) {
    SqliteStatement select = db.prepare("SELECT key, length(value) FROM ItemTable");
    while (select.step()) {
      SiteItem key = file;
      key.name = select.text(0);
      key.bytes = static_cast<std::uint64_t>(select.integer(1));
      keys.push_back(std::move(key));
    }
  }
  if (keys.empty()) keys.push_back(file);
  return keys;
}

// The removed (or found) files, reported as their keys.
StoreOutcome as_keys(StoreOutcome files) {
  std::vector<SiteItem> keys;
  for (const SiteItem& file : files.items) {
    if (is_companion(file.path)) continue;
    std::vector<SiteItem> of_file = keys_of(file);
    keys.insert(keys.end(), of_file.begin(), of_file.end());
  }
  files.items = std::move(keys);
  return files;
}

}  // namespace

std::vector<SiteItem> WebKitLocalStorageStore::site_files(const SiteMatcher& site) const {
  std::vector<SiteItem> items;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_, ec)) {
    std::string origin = file_origin(entry.path().filename().string());
    if (origin.empty() || !site.matches_origin(origin)) continue;
    SiteItem item;
    item.kind = ItemKind::local_storage;
    item.host = std::move(origin);
    item.path = entry.path();
    items.push_back(std::move(item));
  }
  return items;
}

StoreOutcome WebKitLocalStorageStore::inspect(const SiteMatcher& site) const {
  return as_keys(inspect_site_folders(id(), folder_, site_files(site)));
}

// The keys are read before the files move: afterwards they are gone (or in the undo journal).
StoreOutcome WebKitLocalStorageStore::remove(const SiteMatcher& site, bool dry_run) {
  StoreOutcome found = as_keys(inspect_site_folders(id(), folder_, site_files(site)));
  StoreOutcome removed = remove_site_folders(id(), folder_, profile_, site, site_files(site), journal(), dry_run);
  if (removed.handled()) removed.items = std::move(found.items);
  return removed;
}

}  // namespace cookiewarden
