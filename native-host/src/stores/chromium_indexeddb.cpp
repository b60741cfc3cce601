#include "stores/chromium_indexeddb.h"

#include "platform/path_presence.h"
#include "stores/chromium_local_storage.h"
#include "stores/folder_removal.h"
#include "stores/sqlite_row_deletion.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kQuotaTable = "buckets";

fs::path quota_file(const fs::path& profile) { return profile / "WebStorage" / "QuotaManager"; }

bool check_quota_schema(SqliteDatabase& db, SkipReason& reason, std::string& message) {
  for (const char* column : {"id", "storage_key", "host"}) {
    if (!db.has_column("buckets", column)) {
      reason = SkipReason::schema_too_new;
      message = db.file().string() + " has no buckets(" + column + ") column; this build knows QuotaManager meta version 11";
      return false;
    }
  }
  return true;
}

// A bucket belongs to the site by its host, or by the top-level site of a partitioned storage key.
SqliteError find_buckets(SqliteDatabase& db, const SiteMatcher& site, std::vector<MatchedRow>& rows) {
  SqliteStatement select = db.prepare("SELECT id, storage_key, host FROM buckets");
  if (!select.error().ok()) return select.error();
  while (select.step()) {
    std::string_view storage_key = select.text(1), host = select.text(2);
    StorageKeyParts parts = split_storage_key(storage_key);
    bool by_partition = !parts.top_level_site.empty() && site.matches_origin(parts.top_level_site);
    if (!by_partition && !site.matches_host(host)) continue;
    MatchedRow row;
    row.rowid = select.integer(0);
    row.item.kind = ItemKind::quota_record;
    row.item.host = storage_key;
    row.item.name = "bucket " + std::to_string(row.rowid);
    row.item.partition = parts.top_level_site;
    rows.push_back(std::move(row));
  }
  return select.error();
}

RowDeletionPlan quota_plan(const SiteMatcher& site) {
  return {std::string(kQuotaTable), check_quota_schema,
          [&site](SqliteDatabase& db, std::vector<MatchedRow>& rows) { return find_buckets(db, site, rows); }};
}

std::vector<SiteItem> legacy_folders(const fs::path& profile, const SiteMatcher& site) {
  std::vector<SiteItem> items;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(profile / "IndexedDB", ec)) {
    std::string name = entry.path().filename().string();
    std::string host = indexeddb_folder_host(name);
    if (host.empty() || !site.matches_host(host)) continue;
    SiteItem item;
    item.kind = ItemKind::indexeddb;
    item.host = name.substr(0, name.find(".indexeddb."));
    item.path = entry.path();
    items.push_back(std::move(item));
  }
  return items;
}

SiteItem bucket_folder(const fs::path& profile, const MatchedRow& bucket) {
  SiteItem item;
  item.kind = ItemKind::indexeddb;
  item.host = bucket.item.host;
  item.partition = bucket.item.partition;
  item.path = profile / "WebStorage" / std::to_string(bucket.rowid);
  return item;
}

// Checks every folder; false (and outcome skipped) on the first refusal.
bool plan_folders(FolderRemoval& removal, std::vector<SiteItem> folders, StoreOutcome& outcome) {
  for (SiteItem& folder : folders) {
    if (!removal.add(std::move(folder), outcome.skipped, outcome.message)) {
      outcome.items.clear();
      return false;
    }
  }
  return true;
}

}  // namespace

std::string indexeddb_folder_host(std::string_view name) {
  for (std::string_view suffix : {".indexeddb.leveldb", ".indexeddb.blob"}) {
    if (!name.ends_with(suffix)) continue;
    name.remove_suffix(suffix.size());
    std::size_t first = name.find('_'), last = name.rfind('_');
    if (first == std::string_view::npos || last <= first) return {};
    return std::string(name.substr(first + 1, last - first - 1));
  }
  return {};
}

StoreOutcome ChromiumIndexedDbStore::inspect(const SiteMatcher& site) const {
  StoreOutcome outcome{std::string(id()), profile_ / "IndexedDB", {}, {}, {}};
  std::vector<SiteItem> folders = legacy_folders(profile_, site);
  SqliteDatabase quota;
  SqliteError opened = quota.open(quota_file(profile_), SqliteAccess::read_only);
  if (!opened.ok() && opened.skip_reason() != SkipReason::not_present) {
    skip_for(opened, outcome);
    return outcome;
  }
  std::vector<MatchedRow> buckets;
  if (quota.is_open()) {
    if (!check_quota_schema(quota, outcome.skipped, outcome.message)) return outcome;
    if (SqliteError error = find_buckets(quota, site, buckets); !error.ok()) {
      skip_for(error, outcome);
      return outcome;
    }
  }
  for (MatchedRow& bucket : buckets) {
    SiteItem folder = bucket_folder(profile_, bucket);
    if (path_present(folder.path)) folders.push_back(std::move(folder));
    outcome.items.push_back(std::move(bucket.item));
  }
  for (SiteItem& folder : folders) {
    folder.bytes = size_on_disk(folder.path);
    outcome.items.push_back(std::move(folder));
  }
  if (!quota.is_open() && !path_present(profile_ / "IndexedDB")) {
    outcome.skipped = SkipReason::not_present;
    outcome.message = "no IndexedDB folder or WebStorage/QuotaManager in " + profile_.string();
  }
  return outcome;
}

StoreOutcome ChromiumIndexedDbStore::remove(const SiteMatcher& site, bool dry_run) {
  StoreOutcome outcome{std::string(id()), profile_ / "IndexedDB", {}, {}, {}};
  if (!path_present(profile_ / "IndexedDB") && !path_present(quota_file(profile_))) {
    outcome.skipped = SkipReason::not_present;
    outcome.message = "no IndexedDB folder or WebStorage/QuotaManager in " + profile_.string();
    return outcome;
  }
  FolderRemoval removal(profile_, {std::string(id()), site.site()}, journal());
  if (!plan_folders(removal, legacy_folders(profile_, site), outcome)) return outcome;

  SqliteDatabase quota;
  std::vector<MatchedRow> buckets;
  if (path_present(quota_file(profile_))) {
    RowDeletionPlan plan = quota_plan(site);
    plan.journal = journal();
    plan.keep_ids = true;  // WebStorage/<id> is the bucket's folder
    if (!open_for_deletion(quota, quota_file(profile_), plan, outcome)) return outcome;
    if (!delete_rows_in_transaction(quota, plan, dry_run, buckets, outcome)) return outcome;
    std::vector<SiteItem> bucket_folders;
    for (const MatchedRow& bucket : buckets) bucket_folders.push_back(bucket_folder(profile_, bucket));
    if (!plan_folders(removal, std::move(bucket_folders), outcome)) return outcome;
  }
  for (MatchedRow& bucket : buckets) outcome.items.push_back(std::move(bucket.item));
  outcome.items.insert(outcome.items.end(), removal.items().begin(), removal.items().end());
  if (dry_run) return outcome;  // the transaction rolls back as `quota` closes

  if (!removal.stage(outcome.skipped, outcome.message)) {
    outcome.items.clear();
    return outcome;
  }
  if (quota.is_open()) {
    if (SqliteError error = quota.commit(); !error.ok()) {
      removal.unstage();
      skip_for(error, outcome);
      return outcome;
    }
  }
  for (const fs::path& leftover : removal.finish())
    outcome.message += (outcome.message.empty() ? "" : "; ") + leftover.string() + " could not be removed completely";
  return outcome;
}

}  // namespace cookiewarden
