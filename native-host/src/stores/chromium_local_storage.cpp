#include "stores/chromium_local_storage.h"

#include <leveldb/db.h>

#include <memory>


#include "stores/chromium_leveldb.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMetaPrefix = "META:";
constexpr std::string_view kMetaAccessPrefix = "METAACCESS:";

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string decode_utf16le(std::string_view bytes) {
  std::string out;
  auto unit = [&](std::size_t i) {
    return static_cast<char16_t>(static_cast<unsigned char>(bytes[i]) | static_cast<unsigned char>(bytes[i + 1]) << 8);
  };
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    char16_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      char16_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((char32_t{u} - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    append_utf8(out, (u >= 0xD800 && u <= 0xDFFF) ? U'\uFFFD' : char32_t{u});
  }
  if (i < bytes.size()) append_utf8(out, U'\uFFFD');
  return out;
}

// What one LevelDB key means for the site, if anything.
struct KeyMatch {
  bool belongs = false;
  std::string storage_key;
  std::string_view encoded_name;  // data keys only
  bool is_data = false;
};

KeyMatch classify_key(std::string_view key, const SiteMatcher& site) {
  KeyMatch match;
  std::string_view storage_key;
  if (key.starts_with('_')) {
    std::size_t nul = key.find('\0');
    if (nul == std::string_view::npos) return match;
    storage_key = key.substr(1, nul - 1);
    match.encoded_name = key.substr(nul + 1);
    match.is_data = true;
  } else if (key.starts_with(kMetaAccessPrefix)) {
    storage_key = key.substr(kMetaAccessPrefix.size());
  } else if (key.starts_with(kMetaPrefix)) {
    storage_key = key.substr(kMetaPrefix.size());
  } else {
    return match;  // VERSION and anything we do not know stay
  }
  StorageKeyParts parts = split_storage_key(storage_key);
  match.belongs = site.matches_origin(parts.origin) ||
                  (!parts.top_level_site.empty() && site.matches_origin(parts.top_level_site));
  match.storage_key = storage_key;
  return match;
}


LevelDbSiteKeys collect_local_storage_keys(leveldb::DB& db, const SiteMatcher& site, leveldb::Status& status) {
  LevelDbSiteKeys found;
  std::vector<std::string> meta_only;
  std::unique_ptr<leveldb::Iterator> it(db.NewIterator(leveldb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    KeyMatch match = classify_key(key, site);
    if (!match.belongs) continue;
    found.keys.emplace_back(key);
    StorageKeyParts parts = split_storage_key(match.storage_key);
    if (!match.is_data) {
      meta_only.push_back(match.storage_key);
      continue;
    }
    SiteItem item;
    item.kind = ItemKind::local_storage;
    item.host = match.storage_key;
    item.name = decode_local_storage_string(match.encoded_name);
    item.partition = parts.top_level_site;
    item.bytes = it->value().size();
    found.items.push_back(std::move(item));
  }
  status = it->status();
  // A storage key with bookkeeping but no data left is still listed once, with no key name.
  for (const std::string& storage_key : meta_only) {
    bool listed = false;
    for (const SiteItem& item : found.items) listed = listed || item.host == storage_key;
    if (listed) continue;
    SiteItem item;
    item.kind = ItemKind::local_storage;
    item.host = storage_key;
    item.partition = split_storage_key(storage_key).top_level_site;
    found.items.push_back(std::move(item));
  }
  return found;
}

}  // namespace

StorageKeyParts split_storage_key(std::string_view storage_key) {
  StorageKeyParts parts;
  std::size_t caret = storage_key.find('^');
  std::string_view origin = storage_key.substr(0, caret);
  if (origin.ends_with('/')) origin.remove_suffix(1);
  parts.origin = origin;
  while (caret != std::string_view::npos && caret + 1 < storage_key.size()) {
    char tag = storage_key[caret + 1];
    std::size_t next = storage_key.find('^', caret + 1);
    if (tag == '0') parts.top_level_site = storage_key.substr(caret + 2, next == std::string_view::npos ? next : next - caret - 2);
    caret = next;
  }
  return parts;
}

std::string decode_local_storage_string(std::string_view encoded) {
  if (encoded.empty()) return {};
  std::string_view body = encoded.substr(1);
  if (encoded[0] == '\x00') return decode_utf16le(body);
  if (encoded[0] != '\x01') return "\xEF\xBF\xBD";
  std::string out;
  for (unsigned char c : body) append_utf8(out, c);
  return out;
}

StoreOutcome ChromiumLocalStorageStore::inspect(const SiteMatcher& site) const {
  return inspect_leveldb_store({std::string(id()), dir_, {}, {}, {}}, "Local Storage", dir_, site, collect_local_storage_keys);
}

StoreOutcome ChromiumLocalStorageStore::remove(const SiteMatcher& site, bool dry_run) {
  return remove_from_leveldb_store({std::string(id()), dir_, {}, {}, {}}, "Local Storage", dir_, site, collect_local_storage_keys,
                                   dry_run, journal());
}

}  // namespace cookiewarden
