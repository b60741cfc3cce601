// Safari's cookie jar, `Cookies.binarycookies`: a bounds-checked reader and a writer that removes
// one site's cookies while keeping every other record byte-for-byte.
//
// Layout (shared/notes/browser-storage.md §3.2, checked against three real files):
//   file   = "cook" | u32 BE page_count | u32 BE page_size[n] | pages | u32 BE checksum | trailer
//   page   = 00 00 01 00 | u32 LE count | u32 LE record_offset[count] | 00 00 00 00 | records
//   record = u32 LE size, version, flags, has_port, off_domain, off_name, off_path, off_value,
//            off_comment, off_comment_url | f64 LE expiry, creation (seconds since 2001-01-01 UTC)
//            | [u16 LE port] | NUL-terminated strings at the offsets (relative to the record)
//   trailer = footer 07 17 20 05 00 00 00 4B and a bplist00, or only part of it (old files stop
//            after 07 17 20 05), or nothing.
// Flag bits and versions we do not know are kept as they are, never normalised.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "deletion/site_store.h"
#include "warden/status.h"

namespace cookiewarden {

// One cookie; every view points into the buffer that was parsed.
struct BinaryCookieRecord {
  std::span<const std::uint8_t> bytes;  // the whole record exactly as stored (`size` bytes)
  std::uint32_t version = 0;
  std::uint32_t flags = 0;  // 0x1 Secure, 0x4 HttpOnly; other bits are undocumented
  std::optional<std::uint16_t> port;
  std::string_view domain;  // leading dot for domain cookies, like Chromium's host_key
  std::string_view name;
  std::string_view path;
  std::string_view value;
  std::optional<std::string_view> comment;
  std::optional<std::string_view> comment_url;
  double expiry = 0;    // seconds since 2001-01-01 00:00:00 UTC
  double creation = 0;  // same epoch
};

struct BinaryCookiePage {
  std::span<const std::uint8_t> bytes;  // the whole page as stored
  std::vector<BinaryCookieRecord> records;
};

struct BinaryCookieJar {
  std::vector<BinaryCookiePage> pages;
  std::uint32_t checksum = 0;             // stored and verified
  std::span<const std::uint8_t> trailer;  // everything after the checksum, kept verbatim

  std::size_t record_count() const;
};

// Unix time of the format's epoch, 2001-01-01 00:00:00 UTC.
inline constexpr double kBinaryCookiesEpochUnix = 978307200.0;

// Sum of one unsigned byte every 4 bytes of a page, from its first byte.
std::uint32_t binarycookies_page_checksum(std::span<const std::uint8_t> page);

// Validates everything it reads: a truncated or inconsistent file is Status::corrupt_buffer with
// the offending offset in the detail, never an out-of-bounds read. The views borrow `bytes`.
warden::Result<BinaryCookieJar> parse_binarycookies(std::span<const std::uint8_t> bytes);
// The views would dangle: keep the bytes in a variable.
warden::Result<BinaryCookieJar> parse_binarycookies(std::vector<std::uint8_t>&& bytes) = delete;

using BinaryCookieFilter = std::function<bool(const BinaryCookieRecord&)>;

// The file bytes of `jar` without the records for which `remove` is true. Pages that lose no
// record are copied unchanged; the others are rebuilt from the surviving records' bytes; pages
// left empty are dropped. Page sizes and the checksum are recomputed, the trailer is copied.
std::vector<std::uint8_t> serialize_binarycookies_without(const BinaryCookieJar& jar, const BinaryCookieFilter& remove);

// A record a deletion removes, and where it goes back: `page` is the index in the rewritten file
// of the page it came from (`page_kept`), or, when that page was left empty and dropped, the
// number of kept pages before it; `source_page` (its page in the file before the deletion) tells
// records of one dropped page from those of the next. `index` is its place among its page's records.
struct PlacedBinaryCookie {
  std::size_t source_page = 0;
  std::size_t page = 0;
  bool page_kept = false;
  std::size_t index = 0;
  std::vector<std::uint8_t> bytes;  // the whole record as stored
};

// The records `remove` selects, placed, in file order.
std::vector<PlacedBinaryCookie> place_removed_records(const BinaryCookieJar& jar, const BinaryCookieFilter& remove);

// The file bytes of `jar` with `records` (in file order, as place_removed_records gives them) put
// back: into their page at their index, or as a page of their own where theirs was dropped. Put
// back into the file place_removed_records saw without them, this is that file again byte for
// byte. Pages that gain no record are copied unchanged; the checksum is recomputed.
std::vector<std::uint8_t> serialize_binarycookies_with(const BinaryCookieJar& jar,
                                                       const std::vector<PlacedBinaryCookie>& records);

// A cookie's identity, copied out of the file so it outlives the bytes.
struct BinaryCookieId {
  std::string domain;
  std::string name;
  std::string path;
};

// What editing the file on disk came to. `skipped` is the store's reason (deletion/site_store.h):
// none, or not_present, permission_denied, full_disk_access_needed (EPERM on macOS: Safari's
// container is protected by TCC), corrupt (left untouched), locked (Safari rewrote the file
// meanwhile: ours was discarded, and the remedy is a lock's, close Safari and retry), unsafe_path
// (a symlink or a folder: never followed), io_error.
struct BinaryCookiesFileResult {
  SkipReason skipped = SkipReason::none;
  std::string message;                 // when not ok: the cause in words, naming the file
  std::vector<BinaryCookieId> matched;  // records the filter selected (removed, or that would be)
  std::size_t kept = 0;                 // records that stay
  bool ok() const { return skipped == SkipReason::none; }
};

// Reads and validates the file, lists the records `remove` selects, changes nothing.
BinaryCookiesFileResult inspect_binarycookies_file(const std::filesystem::path& file, const BinaryCookieFilter& remove);

// Called with the records about to be removed, before the file is replaced; false (with `error`)
// stops the deletion with nothing changed.
using BinaryCookiesBeforeRemoval = std::function<bool(const std::vector<PlacedBinaryCookie>&, std::string& error)>;

// Removes the selected records. The new content goes to a temporary file in the same directory
// (same mode, and same owner where permitted), is fsynced and renamed over the original; the
// directory is fsynced after. If nothing matches the file is not rewritten. On any error the
// original stays exactly as it was.
BinaryCookiesFileResult remove_from_binarycookies_file(const std::filesystem::path& file, const BinaryCookieFilter& remove,
                                                       const BinaryCookiesBeforeRemoval& before_removal = {});

// What putting records back came to, record by record.
struct BinaryCookiesRestoreResult {
  SkipReason skipped = SkipReason::none;  // as in BinaryCookiesFileResult
  std::string message;        // when not ok: the cause in words, naming the file
  std::size_t restored = 0;   // put back (with dry_run: would be)
  std::size_t present = 0;    // a record with the same bytes is there already
  std::size_t conflicts = 0;  // the file holds another record of the same domain, name and path: kept
  bool ok() const { return skipped == SkipReason::none; }
};

// Puts `records` back into the file (placed as serialize_binarycookies_with does), replacing it
// the way remove_from_binarycookies_file does; nothing is written when nothing is to be restored
// or with dry_run. A record that does not parse is a corrupt result with the file untouched.
BinaryCookiesRestoreResult restore_to_binarycookies_file(const std::filesystem::path& file,
                                                         const std::vector<PlacedBinaryCookie>& records, bool dry_run);

}  // namespace cookiewarden
