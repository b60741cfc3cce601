#include "stores/firefox_session_restore.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <span>
#include <system_error>

#include <nlohmann/json.hpp>

#include "platform/file_replacement.h"
#include "stores/errno_skip_reason.h"
#include "stores/firefox_origin_attributes.h"
#include "stores/mozlz4.h"
#include "warden/ascii_digits.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;  // ordered: a rewrite keeps Firefox's key order

// Session documents nest a few dozen levels (windows, tabs, history entries, child frames). The
// bound keeps the recursive walk and nlohmann's recursive dump away from stack exhaustion on
// hostile input.
constexpr int kMaxDepth = 512;

// The deepest bracket nesting of JSON text, counting outside strings only.
int nesting_depth(std::string_view json) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// JSON.stringify writes a lone UTF-16 surrogate (a page title cut inside an emoji) as "\udXXX",
// which nlohmann rejects. Before parsing, each lone one becomes a code point of the private range
// U+F0000..U+F07FF; after dumping, those go back to the exact escape. Documents that already use
// that range are left as they are (and fail to parse: reported corrupt, never altered).
constexpr char32_t kShieldBase = 0xF0000;

// The code unit of a "\uXXXX" escape starting at `at`, or -1.
long escaped_unit(std::string_view json, std::size_t at) {
  if (at + 6 > json.size() || json[at] != '\\' || json[at + 1] != 'u') return -1;
  long unit = 0;
  for (std::size_t i = at + 2; i < at + 6; ++i) {
    int digit = warden::hex_digit_value(json[i]);
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

bool is_high(long unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_low(long unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

std::string utf8_of(char32_t c) {
  return {static_cast<char>(0xF0 | (c >> 18)), static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
          static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
}

// Whether the text already holds a code point of the shield range, raw or as an escaped pair.
bool uses_shield_range(std::string_view json) {
  for (std::size_t i = 0; i + 1 < json.size(); ++i) {
    if (json[i] == '\xF3' && i + 2 < json.size() && json[i + 1] == '\xB0' &&
        static_cast<unsigned char>(json[i + 2]) < 0xA0)
      return true;
    if (long unit = escaped_unit(json, i); unit == 0xDB80 || unit == 0xDB81) return true;
  }
  return false;
}

std::string shield_lone_surrogates(std::string_view json) {
  if (json.find("\\u") == std::string_view::npos || uses_shield_range(json)) return std::string(json);
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] != '\\') {
      out += json[i];
      continue;
    }
    long unit = escaped_unit(json, i);
    if (is_high(unit) && is_low(escaped_unit(json, i + 6))) {
      out.append(json.substr(i, 12));
      i += 11;
    } else if (is_high(unit) || is_low(unit)) {
      out += utf8_of(kShieldBase + static_cast<char32_t>(unit - 0xD800));
      i += 5;
    } else {
      out.append(json.substr(i, 2));  // any other escape, kept whole so "\\u" is not misread
      ++i;
    }
  }
  return out;
}

std::string unshield_lone_surrogates(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '\xF3' && i + 3 < json.size() && json[i + 1] == '\xB0' &&
        static_cast<unsigned char>(json[i + 2]) < 0xA0) {
      unsigned offset = (static_cast<unsigned char>(json[i + 2]) & 0x3F) << 6 | (static_cast<unsigned char>(json[i + 3]) & 0x3F);
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", 0xD800 + offset);
      out += escape;
      i += 3;
    } else {
      out += json[i];
    }
  }
  return out;
}

std::string string_at(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// {"host", "name", "originAttributes": {"partitionKey": "(https,site)"}}
bool is_session_cookie(const Json& value) {
  return value.is_object() && value.contains("host") && value["host"].is_string() && value.contains("name");
}

// Takes out the cookies `cookies` selects and, when `storage` is given, that site's sessionStorage.
class SessionFilter {
 public:
  SessionFilter(CookieSelector& cookies, const SiteMatcher* storage) : cookies_(cookies), storage_(storage) {}

  void walk(Json& value) {
    if (value.is_array()) {
      for (Json& element : value) walk(element);
      return;
    }
    if (!value.is_object()) return;
    for (auto& [key, child] : value.items()) {
      if (key == "cookies" && child.is_array()) filter_cookies(child);
      else if (key == "storage" && child.is_object() && value.contains("entries")) {
        if (storage_) filter_storage(child);
      }
      else walk(child);
    }
  }

  std::vector<SiteItem>& items() { return items_; }

 private:
  void filter_cookies(Json& cookies) {
    Json kept = Json::array();
    for (Json& cookie : cookies) {
      if (!is_session_cookie(cookie) || !cookie_belongs(cookie)) {
        kept.push_back(std::move(cookie));
        continue;
      }
      SiteItem item;
      item.kind = ItemKind::cookie;
      item.host = string_at(cookie, "host");
      item.name = string_at(cookie, "name");
      item.partition = cookie_partition(cookie);
      items_.push_back(std::move(item));
    }
    cookies = std::move(kept);
  }

  static std::string cookie_partition(const Json& cookie) {
    auto attributes = cookie.find("originAttributes");
    if (attributes == cookie.end() || !attributes->is_object()) return {};
    return firefox_partition_key_site(string_at(*attributes, "partitionKey"));
  }

  bool cookie_belongs(const Json& cookie) const {
    std::string partition = cookie_partition(cookie), host = string_at(cookie, "host"), name = string_at(cookie, "name");
    std::string path = string_at(cookie, "path");
    return cookies_.selects({host, name, path.empty() ? std::string_view("/") : std::string_view(path), partition});
  }

  // origin → {key: value}; the origin may carry an OriginAttributes suffix after '^'.
  void filter_storage(Json& storage) {
    Json kept = Json::object();
    for (auto& [origin_key, entries] : storage.items()) {
      std::string_view full = origin_key;
      std::size_t caret = full.find('^');
      std::string_view origin = full.substr(0, caret);
      std::string partition = caret == std::string_view::npos ? std::string() : firefox_partition_site(full.substr(caret));
      if (!storage_->matches_origin(origin) && (partition.empty() || !storage_->matches_origin(partition))) {
        kept[origin_key] = std::move(entries);
        continue;
      }
      list_storage(std::string(origin), partition, entries);
    }
    storage = std::move(kept);
  }

  void list_storage(const std::string& origin, const std::string& partition, const Json& entries) {
    SiteItem item;
    item.kind = ItemKind::session_storage;
    item.host = origin;
    item.partition = partition;
    if (!entries.is_object() || entries.empty()) {
      items_.push_back(item);
      return;
    }
    for (const auto& [key, value] : entries.items()) {
      item.name = key;
      item.bytes = value.is_string() ? value.get_ref<const std::string&>().size() : 0;
      items_.push_back(item);
    }
  }

  CookieSelector& cookies_;
  const SiteMatcher* storage_;
  std::vector<SiteItem> items_;
};

void skip(StoreOutcome& outcome, SkipReason reason, std::string message) {
  outcome.skipped = reason;
  outcome.message = std::move(message);
  outcome.items.clear();
}

// Why load_file or replace_file failed, as the store reports it.
void skip_for(StoreOutcome& outcome, const fs::path& file, const FileFailure& failure) {
  switch (failure.kind) {
    case FileFailure::Kind::not_regular:
      return skip(outcome, SkipReason::unsafe_path, file.string() + " " + failure.action + "; not followed");
    case FileFailure::Kind::changed:
      return skip(outcome, SkipReason::io_error, file.string() + " " + failure.action);
    case FileFailure::Kind::system:
      return skip(outcome, skip_reason_for_errno(failure.error),
                  file.string() + ": " + failure.action + ": " + std::strerror(failure.error));
  }
}

// The file's bytes, without following a symlink; false with `outcome` skipped on failure.
bool load(const fs::path& file, LoadedFile& out, StoreOutcome& outcome) {
  std::error_code ec;
  auto status = fs::symlink_status(file, ec);
  if (!fs::exists(status)) {
    skip(outcome, SkipReason::not_present, "no session file at " + file.string());
    return false;
  }
  // Checked before reading: the file is read whole.
  if (fs::is_regular_file(status) && fs::file_size(file, ec) > kMaxMozLz4Size && !ec) {
    skip(outcome, SkipReason::corrupt, file.string() + " is larger than any session file; left as it is");
    return false;
  }
  if (auto failure = load_file(file, out)) {
    skip_for(outcome, file, *failure);
    return false;
  }
  return true;
}

warden::Result<SessionFiltering> filter_session(std::string_view json, SessionFilter& filter) {
  if (nesting_depth(json) > kMaxDepth)
    return {warden::Status::invalid_json, "nested deeper than " + std::to_string(kMaxDepth) + " levels"};
  Json document = Json::parse(shield_lone_surrogates(json), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return {warden::Status::invalid_json, "not valid JSON"};
  if (!document.is_object()) return {warden::Status::invalid_json, "not a session document (no top-level object)"};
  filter.walk(document);
  SessionFiltering result;
  result.items = std::move(filter.items());
  result.json = unshield_lone_surrogates(document.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace));
  return result;
}

// Decodes and filters; false with `outcome` skipped as corrupt when the file is not a session file.
bool filter_file(const fs::path& file, const LoadedFile& loaded, SessionFilter& filter, SessionFiltering& out,
                 StoreOutcome& outcome) {
  auto json = decode_mozlz4(std::span<const unsigned char>(loaded.bytes.data(), loaded.bytes.size()));
  if (!json.ok()) {
    skip(outcome, SkipReason::corrupt, file.string() + ": " + json.detail() + "; left as it is");
    return false;
  }
  auto filtered = filter_session(*json, filter);
  if (!filtered.ok()) {
    skip(outcome, SkipReason::corrupt, file.string() + ": " + filtered.detail() + "; left as it is");
    return false;
  }
  out = std::move(filtered.value());
  return true;
}

// What `filter` takes out of the session file: only listed (inspect, a dry run), or removed when
// `rewrite`, the file then replaced by its filtered copy (left as it is when nothing is taken out).
StoreOutcome filter_session_file(std::string_view store_id, const fs::path& file, SessionFilter& filter, bool rewrite) {
  StoreOutcome outcome{std::string(store_id), file, {}, {}, {}};
  // A killed run's copy beside the file goes now, even when nothing is taken out of it.
  if (rewrite) remove_abandoned_replacements(file);
  LoadedFile loaded;
  SessionFiltering filtered;
  if (!load(file, loaded, outcome) || !filter_file(file, loaded, filter, filtered, outcome)) return outcome;
  if (!rewrite || filtered.items.empty()) {
    outcome.items = std::move(filtered.items);
    return outcome;
  }
  auto encoded = encode_mozlz4(filtered.json);
  if (!encoded.ok()) {
    skip(outcome, SkipReason::io_error, file.string() + ": " + encoded.detail());
    return outcome;
  }
  const std::string& bytes = *encoded;
  if (auto failure = replace_file(file, loaded.stamp,
                                  std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()))) {
    skip_for(outcome, file, *failure);
    return outcome;
  }
  outcome.items = std::move(filtered.items);
  return outcome;
}

bool is_session_file_name(const std::string& name) {
  return name.ends_with(".jsonlz4") || name.ends_with(".baklz4") || name.find(".jsonlz4-") != std::string::npos;
}

}  // namespace

warden::Result<SessionFiltering> filter_session_json(std::string_view json, const SiteMatcher& site) {
  SiteCookieSelector cookies(site);
  SessionFilter filter(cookies, &site);
  return filter_session(json, filter);
}

std::vector<fs::path> firefox_session_files(const fs::path& profile_dir) {
  std::vector<fs::path> files{profile_dir / "sessionstore.jsonlz4"};
  std::vector<fs::path> backups;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(profile_dir / "sessionstore-backups", ec)) {
    if (is_session_file_name(entry.path().filename().string())) backups.push_back(entry.path());
  }
  std::sort(backups.begin(), backups.end());
  files.insert(files.end(), backups.begin(), backups.end());
  return files;
}

StoreOutcome FirefoxSessionRestoreStore::inspect(const SiteMatcher& site) const {
  SiteCookieSelector cookies(site);
  SessionFilter filter(cookies, &site);
  return filter_session_file(id(), file_, filter, /*rewrite=*/false);
}

StoreOutcome FirefoxSessionRestoreStore::remove(const SiteMatcher& site, bool dry_run) {
  SiteCookieSelector cookies(site);
  SessionFilter filter(cookies, &site);
  return filter_session_file(id(), file_, filter, !dry_run);
}

StoreOutcome FirefoxSessionRestoreStore::remove_cookies(CookieSelector& selector, bool dry_run) {
  // A policy refuses cookies only: every tab's sessionStorage stays.
  SessionFilter filter(selector, nullptr);
  return filter_session_file(id(), file_, filter, !dry_run);
}

}  // namespace cookiewarden
