#include "stores/firefox_site_storage.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>

#include "platform/path_presence.h"
#include "stores/firefox_origin_attributes.h"
#include "stores/folder_removal.h"
#include "stores/sqlite_row_deletion.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMetadataHeaderBytes = 8 + 1 + 4 + 4;
constexpr std::uintmax_t kMaxMetadataBytes = 64 * 1024;

bool read_u32_be(std::string_view bytes, std::size_t& at, std::uint32_t& value) {
  if (bytes.size() < at + 4) return false;
  value = 0;
  for (int i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  at += 4;
  return true;
}

bool read_string(std::string_view bytes, std::size_t& at, std::string_view& value) {
  std::uint32_t length = 0;
  if (!read_u32_be(bytes, at, length) || bytes.size() - at < length) return false;
  value = bytes.substr(at, length);
  at += length;
  return true;
}

// Splits "<origin>^<attributes>" and says whether it belongs to the site.
bool origin_belongs(std::string_view origin, const SiteMatcher& site, std::string& partition) {
  std::size_t caret = origin.find('^');
  partition = caret == std::string_view::npos ? std::string() : firefox_partition_site(origin.substr(caret));
  return site.matches_origin(origin.substr(0, caret)) || (!partition.empty() && site.matches_origin(partition));
}

std::string folder_origin(const fs::path& folder) {
  std::error_code ec;
  fs::path metadata = folder / ".metadata-v2";
  auto status = fs::symlink_status(metadata, ec);
  if (fs::is_regular_file(status) && fs::file_size(metadata, ec) <= kMaxMetadataBytes) {
    std::ifstream in(metadata, std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    if (std::string origin = firefox_metadata_origin(bytes); !origin.empty()) return origin;
  }
  return firefox_folder_origin(folder.filename().string());
}

std::vector<SiteItem> origin_folders(const fs::path& profile, const SiteMatcher& site) {
  std::vector<SiteItem> items;
  for (const char* repository : {"default", "temporary", "permanent"}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(profile / "storage" / repository, ec)) {
      std::string origin = folder_origin(entry.path());
      SiteItem item;
      if (origin.empty() || !origin_belongs(origin, site, item.partition)) continue;
      item.kind = ItemKind::folder;
      item.host = origin;
      item.path = entry.path();
      items.push_back(std::move(item));
    }
  }
  return items;
}

// --- the three SQLite files -----------------------------------------------------------------

SqliteError find_quota_origins(SqliteDatabase& db, const SiteMatcher& site, std::vector<MatchedRow>& rows) {
  SqliteStatement select = db.prepare("SELECT rowid, origin, coalesce(suffix, '') FROM origin");
  if (!select.error().ok()) return select.error();
  while (select.step()) {
    std::string origin(select.text(1));
    if (origin.find('^') == std::string::npos) origin += select.text(2);
    MatchedRow row;
    if (!origin_belongs(origin, site, row.item.partition)) continue;
    row.rowid = select.integer(0);
    row.item.kind = ItemKind::quota_record;
    row.item.host = origin;
    rows.push_back(std::move(row));
  }
  return select.error();
}

SqliteError find_webappsstore_rows(SqliteDatabase& db, const SiteMatcher& site, std::vector<MatchedRow>& rows) {
  SqliteStatement select =
      db.prepare("SELECT rowid, coalesce(originAttributes, ''), originKey, key, length(value) FROM webappsstore2");
  if (!select.error().ok()) return select.error();
  while (select.step()) {
    std::string host = firefox_origin_key_host(select.text(2));
    std::string partition = firefox_partition_site(select.text(1));
    bool by_partition = !partition.empty() && site.matches_origin(partition);
    if (!by_partition && (host.empty() || !site.matches_host(host))) continue;
    MatchedRow row;
    row.rowid = select.integer(0);
    row.item.kind = ItemKind::local_storage;
    row.item.host = std::string(select.text(2)) + std::string(select.text(1));
    row.item.name = select.text(3);
    row.item.partition = partition;
    row.item.bytes = static_cast<std::uint64_t>(select.integer(4));
    rows.push_back(std::move(row));
  }
  return select.error();
}

bool has_columns(SqliteDatabase& db, std::string_view table, std::initializer_list<std::string_view> columns,
                 SkipReason& reason, std::string& message) {
  for (std::string_view column : columns) {
    if (db.has_column(table, column)) continue;
    reason = SkipReason::schema_too_new;
    message = db.file().string() + ": no " + std::string(table) + "." + std::string(column) + " column (unknown schema)";
    return false;
  }
  return true;
}

struct SqliteSource {
  fs::path file;
  RowDeletionPlan plan;
};

std::vector<SqliteSource> sqlite_sources(const fs::path& profile, const SiteMatcher& site) {
  auto quota_schema = [](SqliteDatabase& db, SkipReason& reason, std::string& message) {
    return has_columns(db, "origin", {"origin", "suffix"}, reason, message);
  };
  auto webapps_schema = [](SqliteDatabase& db, SkipReason& reason, std::string& message) {
    return has_columns(db, "webappsstore2", {"originAttributes", "originKey", "key", "value"}, reason, message);
  };
  auto quota_rows = [&site](SqliteDatabase& db, std::vector<MatchedRow>& rows) { return find_quota_origins(db, site, rows); };
  auto webapps_rows = [&site](SqliteDatabase& db, std::vector<MatchedRow>& rows) {
    return find_webappsstore_rows(db, site, rows);
  };
  return {
      {profile / "storage.sqlite", {"origin", quota_schema, quota_rows}},
      {profile / "storage" / "ls-archive.sqlite", {"webappsstore2", webapps_schema, webapps_rows}},
      {profile / "webappsstore.sqlite", {"webappsstore2", webapps_schema, webapps_rows}},
  };
}

}  // namespace

std::string firefox_metadata_origin(std::string_view bytes) {
  std::size_t at = kMetadataHeaderBytes;
  std::string_view suffix, group, origin;
  if (!read_string(bytes, at, suffix) || !read_string(bytes, at, group) || !read_string(bytes, at, origin)) return {};
  if (origin.find("://") == std::string_view::npos) return {};
  std::string out(origin);
  if (out.find('^') == std::string::npos && suffix.starts_with('^')) out += suffix;
  return out;
}

std::string firefox_folder_origin(std::string_view name) {
  std::size_t caret = name.find('^');
  std::string_view base = name.substr(0, caret);
  std::size_t sep = base.find("+++");
  if (sep == std::string_view::npos || sep == 0) return {};
  std::string_view host_port = base.substr(sep + 3);
  std::string origin = std::string(base.substr(0, sep)) + "://";
  std::size_t plus = host_port.rfind('+');
  if (plus != std::string_view::npos && plus + 1 < host_port.size() &&
      std::all_of(host_port.begin() + plus + 1, host_port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    origin += host_port.substr(0, plus);
    origin += ':';
    origin += host_port.substr(plus + 1);
  } else {
    origin += host_port;
  }
  if (caret != std::string_view::npos) origin += name.substr(caret);
  return origin;
}

std::string firefox_origin_key_host(std::string_view origin_key) {
  std::string_view reversed = origin_key.substr(0, origin_key.find(':'));
  std::string host(reversed.rbegin(), reversed.rend());
  if (host.starts_with('.')) host.erase(0, 1);
  return host;
}

StoreOutcome FirefoxSiteStorageStore::inspect(const SiteMatcher& site) const {
  StoreOutcome outcome{std::string(id()), profile_ / "storage", {}, {}, {}};
  bool any = path_present(profile_ / "storage");
  for (const SqliteSource& source : sqlite_sources(profile_, site)) {
    if (!path_present(source.file)) continue;
    any = true;
    StoreOutcome rows = inspect_sqlite_rows(id(), source.file, source.plan, /*check_schema=*/true);
    if (!rows.handled()) return rows;
    outcome.items.insert(outcome.items.end(), rows.items.begin(), rows.items.end());
  }
  for (SiteItem& folder : origin_folders(profile_, site)) {
    folder.bytes = size_on_disk(folder.path);
    outcome.items.push_back(std::move(folder));
  }
  if (!any) {
    outcome.skipped = SkipReason::not_present;
    outcome.message = "no storage/ folder, storage.sqlite or webappsstore.sqlite in " + profile_.string();
  }
  return outcome;
}

StoreOutcome FirefoxSiteStorageStore::remove(const SiteMatcher& site, bool dry_run) {
  StoreOutcome outcome{std::string(id()), profile_ / "storage", {}, {}, {}};
  std::vector<SqliteSource> sources = sqlite_sources(profile_, site);
  bool any = path_present(profile_ / "storage");
  FolderRemoval removal(profile_, {std::string(id()), site.site()}, journal());
  for (SiteItem& folder : origin_folders(profile_, site)) {
    if (!removal.add(std::move(folder), outcome.skipped, outcome.message)) return outcome;
  }
  // Every database is locked and edited before any folder moves, so a busy one changes nothing.
  std::vector<std::unique_ptr<SqliteDatabase>> open;
  std::vector<MatchedRow> rows;
  for (SqliteSource& source : sources) {
    if (!path_present(source.file)) continue;
    any = true;
    source.plan.journal = journal();
    auto db = std::make_unique<SqliteDatabase>();
    if (!open_for_deletion(*db, source.file, source.plan, outcome)) return outcome;
    if (!delete_rows_in_transaction(*db, source.plan, dry_run, rows, outcome)) return outcome;
    open.push_back(std::move(db));
  }
  if (!any) {
    outcome.skipped = SkipReason::not_present;
    outcome.message = "no storage/ folder, storage.sqlite or webappsstore.sqlite in " + profile_.string();
    return outcome;
  }
  for (MatchedRow& row : rows) outcome.items.push_back(std::move(row.item));
  outcome.items.insert(outcome.items.end(), removal.items().begin(), removal.items().end());
  if (dry_run) return outcome;  // the transactions roll back as the databases close

  if (!removal.stage(outcome.skipped, outcome.message)) {
    outcome.items.clear();
    return outcome;
  }
  for (std::size_t i = 0; i < open.size(); ++i) {
    if (SqliteError error = open[i]->commit(); !error.ok()) {
      removal.unstage();
      skip_for(error, outcome);
      if (i > 0) outcome.message += " (earlier databases of this store were already committed)";
      return outcome;
    }
  }
  for (const fs::path& leftover : removal.finish())
    outcome.message += (outcome.message.empty() ? "" : "; ") + leftover.string() + " could not be removed completely";
  return outcome;
}

}  // namespace cookiewarden
