#include "cli/site_data_text.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ostream>

namespace cookiewarden::cli {
namespace {

constexpr std::size_t kNamesShown = 8;

struct KindWords {
  ItemKind kind;
  const char* one;
  const char* many;
};

constexpr std::array<KindWords, 6> kKindWords{{
    {ItemKind::cookie, "cookie", "cookies"},
    {ItemKind::local_storage, "local storage key", "local storage keys"},
    {ItemKind::indexeddb, "IndexedDB folder", "IndexedDB folders"},
    {ItemKind::folder, "storage folder", "storage folders"},
    {ItemKind::quota_record, "quota record", "quota records"},
    {ItemKind::session_storage, "session storage key", "session storage keys"},
}};

std::string item_label(const SiteItem& item) {
  std::string label = item.host;
  if (!item.name.empty()) label += " " + item.name;
  if (!item.partition.empty()) label += " [under " + item.partition + "]";
  return label;
}

// The cookie names, or else the origins, that a person recognises a site's data by.
std::string examples(const StoreOutcome& store) {
  std::vector<std::string> labels;
  for (const auto& item : store.items)
    if (item.kind != ItemKind::quota_record) labels.push_back(item_label(item));
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  std::string text;
  for (std::size_t i = 0; i < labels.size() && i < kNamesShown; ++i) text += (i ? ", " : "") + labels[i];
  if (labels.size() > kNamesShown) text += ", ... (" + std::to_string(labels.size() - kNamesShown) + " more)";
  return text;
}

}  // namespace

std::string human_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  const char* units[] = {"KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(units)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  return text;
}

std::string item_summary(const StoreOutcome& outcome) {
  std::string text;
  for (const auto& words : kKindWords) {
    std::size_t n = outcome.count(words.kind);
    if (n == 0) continue;
    text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + (n == 1 ? words.one : words.many);
  }
  if (text.empty()) return "nothing";
  if (std::uint64_t bytes = outcome.total_bytes()) text += " (" + human_bytes(bytes) + ")";
  return text;
}

std::string profile_heading(const BrowserProfile& profile) {
  std::string heading = profile.browser_name + " / " + profile.profile_name;
  if (profile.profile_name != profile.profile_id) heading += " (" + profile.profile_id + ")";
  return heading;
}

namespace {

// The store's id, and its file's name when several stores of the list share the id (Firefox
// has one session restore store per session file).
std::string store_label(const StoreOutcome& store, const std::vector<StoreOutcome>& stores) {
  auto same_id = std::count_if(stores.begin(), stores.end(), [&](const StoreOutcome& s) { return s.store == store.store; });
  return same_id > 1 ? store.store + " " + store.location.filename().string() : store.store;
}

}  // namespace

void print_store_lines(const std::vector<StoreOutcome>& stores, std::ostream& out) {
  std::size_t width = 0;
  for (const auto& store : stores) width = std::max(width, store_label(store, stores).size());
  for (const auto& store : stores) {
    std::string label = store_label(store, stores);
    out << "  " << label << std::string(width + 2 - label.size(), ' ');
    if (store.skipped == SkipReason::not_present) {
      out << "-- not present\n";
    } else if (!store.handled()) {
      out << "SKIPPED (" << skip_reason_name(store.skipped) << "): " << store.message << "\n";
    } else {
      out << item_summary(store) << "\n";
      if (std::string names = examples(store); !names.empty())
        out << "  " << std::string(width + 2, ' ') << names << "\n";
      if (!store.message.empty()) out << "  " << std::string(width + 2, ' ') << "note: " << store.message << "\n";
    }
  }
}

}  // namespace cookiewarden::cli
