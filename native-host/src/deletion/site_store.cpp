#include "deletion/site_store.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace cookiewarden {

std::string_view skip_reason_name(SkipReason reason) {
  switch (reason) {
    case SkipReason::none: return "none";
    case SkipReason::not_present: return "not_present";
    case SkipReason::running: return "running";
    case SkipReason::locked: return "locked";
    case SkipReason::permission_denied: return "permission_denied";
    case SkipReason::schema_too_new: return "schema_too_new";
    case SkipReason::full_disk_access_needed: return "full_disk_access_needed";
    case SkipReason::unsafe_path: return "unsafe_path";
    case SkipReason::corrupt: return "corrupt";
    case SkipReason::io_error: return "io_error";
    case SkipReason::interrupted: return "interrupted";
  }
  return "io_error";
}

std::string_view item_kind_name(ItemKind kind) {
  switch (kind) {
    case ItemKind::cookie: return "cookie";
    case ItemKind::local_storage: return "local_storage";
    case ItemKind::indexeddb: return "indexeddb";
    case ItemKind::folder: return "folder";
    case ItemKind::quota_record: return "quota_record";
    case ItemKind::session_storage: return "session_storage";
  }
  return "folder";
}

std::uint64_t StoreOutcome::total_bytes() const {
  std::uint64_t total = 0;
  for (const auto& item : items) total += item.bytes;
  return total;
}

std::size_t StoreOutcome::count(ItemKind kind) const {
  return static_cast<std::size_t>(
      std::count_if(items.begin(), items.end(), [kind](const SiteItem& item) { return item.kind == kind; }));
}

StoreOutcome SiteStore::remove_cookies(CookieSelector&, bool) {
  return {std::string(id()), {}, SkipReason::not_present, std::string(id()) + " holds no cookies", {}};
}

void to_json(nlohmann::json& out, const SiteItem& item) {
  out = {{"kind", item_kind_name(item.kind)}, {"host", item.host}};
  if (!item.name.empty()) out["name"] = item.name;
  if (!item.partition.empty()) out["partition"] = item.partition;
  if (!item.path.empty()) out["path"] = item.path.string();
  if (item.bytes) out["bytes"] = item.bytes;
}

void to_json(nlohmann::json& out, const StoreOutcome& outcome) {
  out = {{"store", outcome.store},
         {"location", outcome.location.string()},
         {"skipped", outcome.handled() ? nlohmann::json(nullptr) : nlohmann::json(skip_reason_name(outcome.skipped))},
         {"message", outcome.message},
         {"bytes", outcome.total_bytes()},
         {"items", outcome.items}};
}

}  // namespace cookiewarden
