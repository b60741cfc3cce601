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

// What editing the file on disk came to.
enum class BinaryCookiesFileStatus {
  ok,
  not_found,
  permission_denied,       // EACCES: the user may not read or write the file
  needs_full_disk_access,  // EPERM on macOS: Safari's container is protected by TCC
  corrupt,                 // not a valid binarycookies file; it was left untouched
  changed_while_editing,   // someone (Safari) rewrote it meanwhile; ours was discarded
  not_a_regular_file,      // a symlink or a directory: never followed
  io_error,
};

std::string_view binarycookies_file_status_name(BinaryCookiesFileStatus status);

// A cookie's identity, copied out of the file so it outlives the bytes.
struct BinaryCookieId {
  std::string domain;
  std::string name;
  std::string path;
};

struct BinaryCookiesFileResult {
  BinaryCookiesFileStatus status = BinaryCookiesFileStatus::ok;
  std::string message;                 // when not ok: the cause in words, naming the file
  std::vector<BinaryCookieId> matched;  // records the filter selected (removed, or that would be)
  std::size_t kept = 0;                 // records that stay
  bool ok() const { return status == BinaryCookiesFileStatus::ok; }
};

// Reads and validates the file, lists the records `remove` selects, changes nothing.
BinaryCookiesFileResult inspect_binarycookies_file(const std::filesystem::path& file, const BinaryCookieFilter& remove);

// Removes the selected records. The new content goes to a temporary file in the same directory
// (same mode, and same owner where permitted), is fsynced and renamed over the original; the
// directory is fsynced after. If nothing matches the file is not rewritten. On any error the
// original stays exactly as it was.
BinaryCookiesFileResult remove_from_binarycookies_file(const std::filesystem::path& file, const BinaryCookieFilter& remove);

}  // namespace cookiewarden
