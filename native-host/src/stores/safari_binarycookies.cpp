#include "stores/safari_binarycookies.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "platform/file_replacement.h"
#include "stores/errno_skip_reason.h"

namespace cookiewarden {
namespace {

using Bytes = std::span<const std::uint8_t>;
using warden::Result;
using warden::Status;

constexpr std::array<std::uint8_t, 4> kMagic{'c', 'o', 'o', 'k'};
constexpr std::array<std::uint8_t, 4> kPageStart{0x00, 0x00, 0x01, 0x00};
constexpr std::array<std::uint8_t, 4> kPageHeaderEnd{0x00, 0x00, 0x00, 0x00};
constexpr std::array<std::uint8_t, 8> kFooter{0x07, 0x17, 0x20, 0x05, 0x00, 0x00, 0x00, 0x4B};
constexpr std::array<std::uint8_t, 8> kPlistMagic{'b', 'p', 'l', 'i', 's', 't', '0', '0'};
constexpr std::size_t kRecordFixedSize = 56;  // ten u32 fields and two f64
constexpr std::size_t kPlistTrailerSize = 32;

std::uint32_t be32(Bytes b, std::size_t at) {
  return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}
std::uint64_t be64(Bytes b, std::size_t at) { return std::uint64_t{be32(b, at)} << 32 | be32(b, at + 4); }
std::uint32_t le32(Bytes b, std::size_t at) {
  return std::uint32_t{b[at]} | std::uint32_t{b[at + 1]} << 8 | std::uint32_t{b[at + 2]} << 16 | std::uint32_t{b[at + 3]} << 24;
}
std::uint16_t le16(Bytes b, std::size_t at) { return static_cast<std::uint16_t>(b[at] | b[at + 1] << 8); }
double le_f64(Bytes b, std::size_t at) {
  std::uint64_t bits = std::uint64_t{le32(b, at)} | std::uint64_t{le32(b, at + 4)} << 32;
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

void put_be32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}
void put_le32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 0; shift <= 24; shift += 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

template <std::size_t N>
bool starts_with(Bytes b, std::size_t at, const std::array<std::uint8_t, N>& prefix, std::size_t n = N) {
  return at + n <= b.size() && std::equal(prefix.begin(), prefix.begin() + n, b.begin() + at);
}

Result<BinaryCookieJar> corrupt(std::string what, std::size_t offset) {
  return {Status::corrupt_buffer, "binarycookies: " + what + " at offset " + std::to_string(offset)};
}

// A NUL-terminated string that must start after the fixed fields and end inside the record.
std::optional<std::string_view> record_string(Bytes record, std::uint32_t offset, std::size_t fixed_end) {
  if (offset < fixed_end || offset >= record.size()) return std::nullopt;
  auto begin = record.begin() + offset;
  auto nul = std::find(begin, record.end(), std::uint8_t{0});
  if (nul == record.end()) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(&*begin), static_cast<std::size_t>(nul - begin));
}

// `record` spans exactly the record's declared size.
std::optional<std::string> parse_record(Bytes record, BinaryCookieRecord& out) {
  out.bytes = record;
  out.version = le32(record, 4);
  out.flags = le32(record, 8);
  std::uint32_t has_port = le32(record, 12);
  if (has_port > 1) return "has_port field is neither 0 nor 1";
  std::size_t fixed_end = kRecordFixedSize;
  if (has_port == 1) {
    if (record.size() < kRecordFixedSize + 2) return "record too short for its port";
    out.port = le16(record, kRecordFixedSize);
    fixed_end += 2;
  }
  out.expiry = le_f64(record, 40);
  out.creation = le_f64(record, 48);
  std::array<std::string_view*, 4> required{&out.domain, &out.name, &out.path, &out.value};
  for (std::size_t i = 0; i < required.size(); ++i) {
    auto s = record_string(record, le32(record, 16 + 4 * i), fixed_end);
    if (!s) return "string offset outside the record or unterminated";
    *required[i] = *s;
  }
  std::array<std::optional<std::string_view>*, 2> optional{&out.comment, &out.comment_url};
  for (std::size_t i = 0; i < optional.size(); ++i) {
    std::uint32_t offset = le32(record, 32 + 4 * i);
    if (offset == 0) continue;
    auto s = record_string(record, offset, fixed_end);
    if (!s) return "comment offset outside the record or unterminated";
    *optional[i] = *s;
  }
  return std::nullopt;
}

Result<BinaryCookiePage> parse_page(Bytes page, std::size_t base) {
  auto bad = [&](std::string what, std::size_t at) -> Result<BinaryCookiePage> {
    return {Status::corrupt_buffer, "binarycookies: " + what + " at offset " + std::to_string(base + at)};
  };
  if (page.size() < 12 || !starts_with(page, 0, kPageStart)) return bad("bad page header", 0);
  std::uint64_t count = le32(page, 4);
  std::uint64_t header_end = 8 + 4 * count;
  if (header_end + 4 > page.size()) return bad("record count larger than the page", 4);
  if (!starts_with(page, header_end, kPageHeaderEnd)) return bad("bad page header end", header_end);
  BinaryCookiePage out{page, {}};
  out.records.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint64_t offset = le32(page, 8 + 4 * i);
    if (offset < header_end + 4 || offset + kRecordFixedSize > page.size()) return bad("record offset out of range", 8 + 4 * i);
    std::uint64_t size = le32(page, offset);
    if (size < kRecordFixedSize || offset + size > page.size()) return bad("record size inconsistent", offset);
    if (auto error = parse_record(page.subspan(offset, size), out.records[i])) return bad(*error, offset);
  }
  return out;
}

// The binary plist after the footer: only its frame is checked (header and the offset table its
// 32-byte trailer points to), enough to tell a complete plist from a cut one.
bool plausible_bplist(Bytes plist) {
  if (plist.size() < kPlistMagic.size() + kPlistTrailerSize || !starts_with(plist, 0, kPlistMagic)) return false;
  std::size_t t = plist.size() - kPlistTrailerSize;
  std::uint8_t offset_size = plist[t + 6], ref_size = plist[t + 7];
  std::uint64_t objects = be64(plist, t + 8), top = be64(plist, t + 16), table = be64(plist, t + 24);
  if (offset_size < 1 || offset_size > 8 || ref_size < 1 || ref_size > 8) return false;
  if (objects == 0 || top >= objects || table < kPlistMagic.size() || table > t) return false;
  return objects <= (t - table) / offset_size;
}

// Old files stop after the first half of the footer, some after the footer, modern ones carry a plist.
bool plausible_trailer(Bytes trailer) {
  if (trailer.empty()) return true;
  if (trailer.size() < 4 || !starts_with(trailer, 0, kFooter, 4)) return false;
  if (trailer.size() == 4) return true;
  if (!starts_with(trailer, 0, kFooter)) return false;
  return trailer.size() == kFooter.size() || plausible_bplist(trailer.subspan(kFooter.size()));
}

// A page holding `records` in this order.
std::vector<std::uint8_t> build_page(const std::vector<Bytes>& records) {
  std::vector<std::uint8_t> out(kPageStart.begin(), kPageStart.end());
  put_le32(out, static_cast<std::uint32_t>(records.size()));
  std::size_t offset = 12 + 4 * records.size();
  for (Bytes r : records) {
    put_le32(out, static_cast<std::uint32_t>(offset));
    offset += r.size();
  }
  out.insert(out.end(), kPageHeaderEnd.begin(), kPageHeaderEnd.end());
  for (Bytes r : records) out.insert(out.end(), r.begin(), r.end());
  return out;
}

std::vector<std::uint8_t> rebuild_page(const BinaryCookiePage& page, const BinaryCookieFilter& remove) {
  std::vector<Bytes> kept;
  for (const auto& r : page.records)
    if (!remove(r)) kept.push_back(r.bytes);
  return build_page(kept);
}

// The whole file around its pages: header with the page sizes, pages, checksum, trailer.
std::vector<std::uint8_t> assemble_file(const std::vector<std::vector<std::uint8_t>>& pages, Bytes trailer) {
  std::vector<std::uint8_t> out(kMagic.begin(), kMagic.end());
  put_be32(out, static_cast<std::uint32_t>(pages.size()));
  for (const auto& p : pages) put_be32(out, static_cast<std::uint32_t>(p.size()));
  std::uint32_t checksum = 0;
  for (const auto& p : pages) {
    out.insert(out.end(), p.begin(), p.end());
    checksum += binarycookies_page_checksum(p);
  }
  put_be32(out, checksum);
  out.insert(out.end(), trailer.begin(), trailer.end());
  return out;
}

// Whether the page stays in the file once `remove` has taken its records (as serialize_binarycookies_without decides).
bool page_survives(const BinaryCookiePage& page, const BinaryCookieFilter& remove) {
  return page.records.empty() || std::any_of(page.records.begin(), page.records.end(),
                                             [&](const BinaryCookieRecord& r) { return !remove(r); });
}

// A page on its way to being written again: its original bytes while no record is added.
struct PageDraft {
  Bytes original;
  bool changed = false;
  std::vector<Bytes> records;
};

}  // namespace

std::size_t BinaryCookieJar::record_count() const {
  std::size_t n = 0;
  for (const auto& p : pages) n += p.records.size();
  return n;
}

std::uint32_t binarycookies_page_checksum(std::span<const std::uint8_t> page) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < page.size(); i += 4) sum += page[i];
  return sum;
}

warden::Result<BinaryCookieJar> parse_binarycookies(std::span<const std::uint8_t> bytes) {
  if (!starts_with(bytes, 0, kMagic)) return corrupt("missing \"cook\" magic", 0);
  if (bytes.size() < 8) return corrupt("truncated page count", 4);
  std::uint64_t page_count = be32(bytes, 4);
  std::uint64_t pages_start = 8 + 4 * page_count;
  if (pages_start > bytes.size()) return corrupt("page count larger than the file", 4);
  BinaryCookieJar jar;
  jar.pages.reserve(page_count);
  std::uint64_t at = pages_start;
  std::uint32_t checksum = 0;
  for (std::size_t i = 0; i < page_count; ++i) {
    std::uint64_t size = be32(bytes, 8 + 4 * i);
    if (at + size > bytes.size()) return corrupt("page size beyond the end of the file", 8 + 4 * i);
    auto page = parse_page(bytes.subspan(at, size), at);
    if (!page.ok()) return {page.status(), page.detail()};
    checksum += binarycookies_page_checksum(page->bytes);
    jar.pages.push_back(std::move(page).value());
    at += size;
  }
  if (at + 4 > bytes.size()) return corrupt("truncated checksum", at);
  jar.checksum = be32(bytes, at);
  if (jar.checksum != checksum) return corrupt("checksum mismatch (stored " + std::to_string(jar.checksum) + ", computed " + std::to_string(checksum) + ")", at);
  jar.trailer = bytes.subspan(at + 4);
  if (!plausible_trailer(jar.trailer)) return corrupt("truncated or unknown footer", at + 4);
  return jar;
}

std::vector<std::uint8_t> serialize_binarycookies_without(const BinaryCookieJar& jar, const BinaryCookieFilter& remove) {
  std::vector<std::vector<std::uint8_t>> pages;
  for (const auto& page : jar.pages) {
    bool touched = std::any_of(page.records.begin(), page.records.end(), remove);
    if (!touched) {
      pages.emplace_back(page.bytes.begin(), page.bytes.end());
      continue;
    }
    auto rebuilt = rebuild_page(page, remove);
    if (le32(rebuilt, 4) != 0) pages.push_back(std::move(rebuilt));
  }
  return assemble_file(pages, jar.trailer);
}

std::vector<PlacedBinaryCookie> place_removed_records(const BinaryCookieJar& jar, const BinaryCookieFilter& remove) {
  std::vector<PlacedBinaryCookie> placed;
  std::size_t kept_pages = 0;
  for (std::size_t p = 0; p < jar.pages.size(); ++p) {
    const BinaryCookiePage& page = jar.pages[p];
    bool kept = page_survives(page, remove);
    for (std::size_t i = 0; i < page.records.size(); ++i) {
      Bytes bytes = page.records[i].bytes;
      if (remove(page.records[i])) placed.push_back({p, kept_pages, kept, i, {bytes.begin(), bytes.end()}});
    }
    if (kept) ++kept_pages;
  }
  return placed;
}

// Records of one source page go back together; inserting each at its old index, in ascending
// order, restores the page's old order when its other records did not change.
std::vector<std::uint8_t> serialize_binarycookies_with(const BinaryCookieJar& jar,
                                                       const std::vector<PlacedBinaryCookie>& records) {
  std::vector<PageDraft> drafts;
  for (const auto& page : jar.pages) {
    PageDraft& draft = drafts.emplace_back();
    draft.original = page.bytes;
    for (const auto& r : page.records) draft.records.push_back(r.bytes);
  }
  std::size_t pages_added = 0;
  for (std::size_t group = 0; group < records.size();) {
    const PlacedBinaryCookie& first = records[group];
    std::size_t at = first.page + pages_added;
    if (!first.page_kept || at >= drafts.size()) {
      at = std::min(at, drafts.size());
      drafts.insert(drafts.begin() + static_cast<std::ptrdiff_t>(at), PageDraft{});
      ++pages_added;
    }
    PageDraft& draft = drafts[at];
    draft.changed = true;
    for (; group < records.size() && records[group].source_page == first.source_page; ++group) {
      std::size_t index = std::min(records[group].index, draft.records.size());
      draft.records.insert(draft.records.begin() + static_cast<std::ptrdiff_t>(index), Bytes(records[group].bytes));
    }
  }
  std::vector<std::vector<std::uint8_t>> pages;
  for (const auto& draft : drafts)
    pages.push_back(draft.changed ? build_page(draft.records)
                                  : std::vector<std::uint8_t>(draft.original.begin(), draft.original.end()));
  return assemble_file(pages, jar.trailer);
}

namespace {

BinaryCookiesFileResult failure(SkipReason reason, const std::filesystem::path& file, std::string cause) {
  return {reason, file.string() + ": " + std::move(cause), {}, 0};
}

BinaryCookiesFileResult errno_failure(const std::filesystem::path& file, std::string_view action, int error) {
  SkipReason reason = skip_reason_for_errno(error);
  std::string cause = std::string(action) + ": " + std::strerror(error);
  if (reason == SkipReason::unsafe_path) cause = "is a symbolic link; not followed";
  if (reason == SkipReason::full_disk_access_needed)
    cause += " (Safari's data is protected: grant cookiewarden Full Disk Access in System Settings > Privacy & Security)";
  return failure(reason, file, std::move(cause));
}

// The skip reason for a failed read or replacement of `file`.
BinaryCookiesFileResult file_failure(const std::filesystem::path& file, const FileFailure& f) {
  switch (f.kind) {
    case FileFailure::Kind::not_regular: return failure(SkipReason::unsafe_path, file, f.action);
    case FileFailure::Kind::changed: return failure(SkipReason::locked, file, f.action);
    case FileFailure::Kind::system: break;
  }
  return errno_failure(file, f.action, f.error);
}

BinaryCookiesFileResult classify_records(const BinaryCookieJar& jar, const BinaryCookieFilter& remove) {
  BinaryCookiesFileResult result{SkipReason::none, {}, {}, 0};
  for (const auto& page : jar.pages)
    for (const auto& record : page.records) {
      if (remove(record))
        result.matched.push_back({std::string(record.domain), std::string(record.name), std::string(record.path)});
      else
        ++result.kept;
    }
  return result;
}

}  // namespace

BinaryCookiesFileResult inspect_binarycookies_file(const std::filesystem::path& file, const BinaryCookieFilter& remove) {
  LoadedFile loaded;
  if (auto error = load_file(file, loaded)) return file_failure(file, *error);
  auto jar = parse_binarycookies(loaded.bytes);
  if (!jar.ok()) return failure(SkipReason::corrupt, file, jar.detail());
  return classify_records(*jar, remove);
}

BinaryCookiesFileResult remove_from_binarycookies_file(const std::filesystem::path& file, const BinaryCookieFilter& remove,
                                                       const BinaryCookiesBeforeRemoval& before_removal) {
  // A killed run's copy beside the file goes now, even when no record matches.
  remove_abandoned_replacements(file);
  LoadedFile loaded;
  if (auto error = load_file(file, loaded)) return file_failure(file, *error);
  auto jar = parse_binarycookies(loaded.bytes);
  if (!jar.ok()) return failure(SkipReason::corrupt, file, jar.detail());
  auto result = classify_records(*jar, remove);
  if (result.matched.empty()) return result;
  auto rewritten = serialize_binarycookies_without(*jar, remove);
  // Never replace a readable file with one we cannot read back.
  auto check = parse_binarycookies(rewritten);
  if (!check.ok() || check->record_count() != result.kept)
    return failure(SkipReason::io_error, file, "internal error: the rewritten jar does not parse; nothing changed");
  std::string error;
  if (before_removal && !before_removal(place_removed_records(*jar, remove), error))
    return failure(SkipReason::io_error, file, error + "; nothing was deleted");
  if (auto replace_error = replace_file(file, loaded.stamp, rewritten)) return file_failure(file, *replace_error);
  return result;
}

namespace {

// One record on its own, as a journal holds it: its size field must be its length.
bool parse_lone_record(Bytes bytes, BinaryCookieRecord& record) {
  return bytes.size() >= kRecordFixedSize && le32(bytes, 0) == bytes.size() && !parse_record(bytes, record);
}

enum class Placement { restore, present, conflict };

Placement placement_of(const BinaryCookieJar& jar, const BinaryCookieRecord& record) {
  bool same_cookie = false;
  for (const auto& page : jar.pages)
    for (const auto& r : page.records) {
      if (std::equal(r.bytes.begin(), r.bytes.end(), record.bytes.begin(), record.bytes.end())) return Placement::present;
      same_cookie = same_cookie || (r.domain == record.domain && r.name == record.name && r.path == record.path);
    }
  return same_cookie ? Placement::conflict : Placement::restore;
}

BinaryCookiesRestoreResult restore_failure(const BinaryCookiesFileResult& failed) {
  BinaryCookiesRestoreResult result;
  result.skipped = failed.skipped;
  result.message = failed.message;
  return result;
}

}  // namespace

BinaryCookiesRestoreResult restore_to_binarycookies_file(const std::filesystem::path& file,
                                                         const std::vector<PlacedBinaryCookie>& records, bool dry_run) {
  LoadedFile loaded;
  if (auto error = load_file(file, loaded)) return restore_failure(file_failure(file, *error));
  auto jar = parse_binarycookies(loaded.bytes);
  if (!jar.ok()) return restore_failure(failure(SkipReason::corrupt, file, jar.detail()));
  BinaryCookiesRestoreResult result;
  std::vector<PlacedBinaryCookie> missing;
  for (const auto& placed : records) {
    BinaryCookieRecord record;
    if (!parse_lone_record(placed.bytes, record))
      return restore_failure(failure(SkipReason::corrupt, file, "a journaled record does not parse; nothing was restored"));
    switch (placement_of(*jar, record)) {
      case Placement::present: ++result.present; break;
      case Placement::conflict: ++result.conflicts; break;
      case Placement::restore:
        ++result.restored;
        missing.push_back(placed);
        break;
    }
  }
  if (dry_run || missing.empty()) return result;
  auto rewritten = serialize_binarycookies_with(*jar, missing);
  auto check = parse_binarycookies(rewritten);
  if (!check.ok() || check->record_count() != jar->record_count() + missing.size())
    return restore_failure(failure(SkipReason::io_error, file, "internal error: the restored jar does not parse; nothing changed"));
  if (auto error = replace_file(file, loaded.stamp, rewritten)) return restore_failure(file_failure(file, *error));
  return result;
}

}  // namespace cookiewarden
