// Byte layout of the compiled engine buffer, shared by the builder (writer) and the engine (reader).
//
//   offset 0   Header { magic "CWEN", version, flags, total_size, section_count }     20 bytes
//   20         SectionEntry[kSectionCount] { offset, size }                           8 bytes each
//   ...        sections, each starting on a 4-byte boundary, in Section order
//   size - 4   CRC32 (IEEE) of every byte before it
//
// All integers little-endian, offsets uint32 from the start of the buffer. Records are read with
// memcpy (no alignment or aliasing assumptions); every index and string reference read while
// deciding is checked against its section's size, so a corrupted buffer can mis-decide but never
// read out of bounds.
//
// Sections:
//   psl            the PublicSuffixList blob (public_suffix.h)
//   strings        interned UTF-8 bytes; records refer to (offset, length) pairs
//   vendors        VendorRecord[]
//   host_names     the distinct hosts of the host rules, reversed ("moc.elpmaxe") and sorted, in
//                  front-coded blocks of kHostsPerBlock (host_names.h)
//   host_blocks    HostBlock[]  where each block starts, its first host's first record and bytes
//   host_bloom     uint32[2^k]  two bits a host (second_host_key()): most suffixes of a request
//                               host have no rule, and this answers that without the blocks
//   host_rules     HostRuleRecord[] (vendor host rules and `||host^` list rules) grouped by host,
//                  in host_names order: a host's records follow those of the host before it
//   host_extras    HostExtra[]  the rare fields (vendor, path, domain=), sorted by the record they
//                               belong to
//   host_options   HostOptions[]  the distinct (types, options, text tail, spelling, category) of
//                                 host rules: a list has a few hundred, shared by its ~90k host rules
//   token_slots    HashSlot[2^k]  key = hash of a URL token, or domain_key() of a `domain=` include
//                                  for rules without a token; exception_key() of either for `@@`
//                                  rules; range in pattern_index
//   token_bloom    uint32[2^k]    one bit per token_slots key (bloom_bit()): most URL tokens have
//                                  no rule, and this 16 KB bitset answers that without the table
//   suffix_bloom   uint32[2^k]    one bit per token_suffix_key() in token_slots: the few patterns
//                                  with no whole token, tested once per long URL token
//   pattern_index  IndexEntry[]: first Meta::fallback_count untokenised patterns, then buckets
//   patterns       PatternRecord[]
//   domains        DomainRecord[]  `domain=` constraints, each rule's run sorted by hash
//   cookie_slots   HashSlot[2^k]  key = hash of an exact cookie name; range in cookie_rules
//   cookie_rules   CookieRecord[]  exact-name rules grouped by name, then prefix rules by
//                                  decreasing prefix length (Meta::cookie_prefix_begin)
//   meta           Meta
#pragma once

#include <cstdint>
#include <bit>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>

namespace warden::snapshot {

static_assert(std::endian::native == std::endian::little, "the buffer format is little-endian");

enum Section : std::uint32_t {
  kPsl = 0,
  kStrings,
  kVendors,
  kHostNames,
  kHostBlocks,
  kHostBloom,
  kHostRules,
  kHostExtras,
  kHostOptions,
  kTokenSlots,
  kTokenBloom,
  kSuffixBloom,
  kPatternIndex,
  kPatterns,
  kDomains,
  kCookieSlots,
  kCookieRules,
  kMeta,
  kSectionCount
};

inline constexpr std::uint32_t kNoVendor = 0xFFFF;

struct Header {
  std::uint32_t magic;
  std::uint32_t version;
  std::uint32_t flags;
  std::uint32_t total_size;
  std::uint32_t section_count;
};

struct SectionEntry {
  std::uint32_t offset;
  std::uint32_t size;
};

inline constexpr std::size_t kHeaderBytes = sizeof(Header) + kSectionCount * sizeof(SectionEntry);
inline constexpr std::size_t kTrailerBytes = 4;

struct StringRef {
  std::uint32_t offset;
  std::uint32_t length;
};

struct VendorRecord {
  StringRef id;
  StringRef name;
  std::uint8_t category;
  std::uint8_t pad[3];
};

// A key's records are [begin, begin + count); range = begin << 8 | count, and a key with more
// than 255 records takes several slots. range == 0 marks an empty slot.
struct HashSlot {
  std::uint32_t hash;
  std::uint32_t range;
  std::uint32_t begin() const { return range >> 8; }
  std::uint32_t count() const { return range & 0xFF; }
};

inline constexpr std::uint32_t kMaxSlotBegin = 0xFFFFFF;

// How a host rule's text is spelled, so that the buffer stores its host (which the host table
// compares anyway) and not the text: `||host^` is 95% of the rules, and its text is rebuilt on
// demand (Engine::rule_text()). "@@" starts the text of an exception (kFilterException).
enum HostTextForm : std::uint8_t {
  kTextBarsHost = 0,  // [@@]||host^<tail>
  kTextHost = 1,      // [@@]host<path><tail>: a bare host line, or a vendor's "host/path" (the
                      // path: HostExtra::path_offset)
  kTextVerbatim = 2,  // <tail>: any other spelling, stored whole
};

// 2 bytes: the host table holds ~90k of these with EasyList + EasyPrivacy. Everything but the rare
// fields is shared (HostOptions); the few rules with rare fields (~1 in 200) have a HostExtra.
struct HostRuleRecord {
  std::uint16_t value;  // bits 0-13 index into host_options, then kHasExtra and kLastOfHost

  static constexpr std::uint16_t kHasExtra = 1u << 14;
  static constexpr std::uint16_t kLastOfHost = 1u << 15;
  static constexpr std::uint32_t kMaxOptions = 1u << 14;
  std::uint16_t options() const { return value & (kMaxOptions - 1); }
  bool has_extra() const { return (value & kHasExtra) != 0; }
  bool last_of_host() const { return (value & kLastOfHost) != 0; }
};

// A host_names block: its byte offset, the host_rules index of its first host's first record (both
// increase from block to block), and the first host's first 8 bytes, zero-padded: the binary search
// over the blocks compares these (12 KB for ~93k hosts, which stay cached) and reads a block's
// bytes (1 MB, a cache miss each) only where they are equal.
struct HostBlock {
  std::uint32_t names_offset;
  std::uint32_t first_record;
  std::uint8_t first_key[8];
};

struct HostExtra {
  std::uint32_t rule;  // the host_rules index it belongs to
  std::uint32_t domains_begin;
  std::uint32_t path_offset;  // vendor path prefix (string section), matched against path+query
  std::uint16_t domains_count;
  std::uint16_t vendor;       // kNoVendor for list rules
  std::uint16_t path_length;
  std::uint8_t domain_flags;  // DomainListFlag
  std::uint8_t pad;
};

// What host rules share: their types and options, the text after the host (`$third-party`) or
// the whole text of a kTextVerbatim rule, its spelling and category. EasyList + EasyPrivacy need
// ~300 of these.
struct HostOptions {
  StringRef tail;
  std::uint16_t types;  // ResourceTypeMask
  std::uint16_t flags;  // FilterFlag
  std::uint8_t form;    // HostTextForm
  std::uint8_t category;
  std::uint8_t pad[2];
};

inline constexpr std::uint16_t kNoTokenOffset = 0xFFFF;

struct PatternRecord {
  std::uint32_t pattern_offset;
  std::uint32_t text_offset;
  std::uint32_t domains_begin;
  std::uint16_t pattern_length;
  std::uint16_t text_length;
  std::uint16_t types;
  std::uint16_t flags;
  std::uint16_t domains_count;
  // Where the indexing token starts in the pattern when no wildcard precedes it: a URL token
  // found at position p can then only match a pattern starting at p - token_offset (uBO's trick),
  // so the pattern is checked once instead of searched for.
  std::uint16_t token_offset;
  std::uint8_t category;
  std::uint8_t domain_flags;  // DomainListFlag
  std::uint8_t pad[2];
};

// A pattern as its token bucket lists it, with what rejects most candidates without reading the
// pattern record or its text (elsewhere in the buffer, so each read is a cache miss): the types
// and party options, and for a pinned token (PatternRecord::token_offset) the literal pattern
// byte just before it and the run of up to kEntryAfterBytes literal bytes just after it, which the
// URL must have around the token it was found under (0: no literal there, nor after it). Three
// after bytes, not one: the first is mostly a separator every URL has there ("/" of ".com/vtrack"
// under the token "com"); the next ones reject almost every URL that the pattern does not match.
inline constexpr std::size_t kEntryAfterBytes = 3;
struct IndexEntry {
  std::uint32_t pattern;
  std::uint16_t types;  // as PatternRecord
  std::uint16_t flags;
  std::uint8_t before;
  std::uint8_t after[kEntryAfterBytes];
};

enum DomainFlag : std::uint16_t { kDomainNegated = 1, kDomainEntity = 2 };
// What a rule's whole `domain=` run holds, so matching can skip work: without an include the rule
// applies everywhere not excluded; entity keys ("shop.*") need a public-suffix lookup.
enum DomainListFlag : std::uint8_t { kDomainsHaveIncludes = 1, kDomainsHaveEntities = 2 };

struct DomainRecord {
  std::uint32_t hash;
  std::uint32_t offset;
  std::uint16_t length;
  std::uint16_t flags;
};

enum CookieFlag : std::uint8_t { kCookiePrefix = 1, kCookieImported = 2 };

struct CookieRecord {
  StringRef name;
  StringRef domain;  // empty: any site
  StringRef text;    // explanation ("cookie _ga_*")
  std::uint16_t vendor;
  std::uint8_t category;
  std::uint8_t flags;
};

struct Meta {
  std::uint32_t vendors;
  std::uint32_t vendor_host_rules;
  std::uint32_t filter_rules;
  std::uint32_t cookie_rules;
  std::uint32_t cookie_prefix_begin;
  std::uint32_t fallback_count;
};

static_assert(sizeof(Header) == 20 && sizeof(SectionEntry) == 8 && sizeof(VendorRecord) == 20);
static_assert(sizeof(HashSlot) == 8 && sizeof(HostRuleRecord) == 2 && sizeof(HostBlock) == 16 && sizeof(HostExtra) == 20);
static_assert(sizeof(HostOptions) == 16);
static_assert(sizeof(PatternRecord) == 28 && sizeof(IndexEntry) == 12);
static_assert(sizeof(DomainRecord) == 12 && sizeof(CookieRecord) == 28 && sizeof(Meta) == 24);

// What the structural check enforces on a section beyond whole records.
enum SectionFlag : std::uint8_t {
  kPowerOfTwo = 1,  // a hash table or bitset indexed by masking: a power-of-two record count (or none)
  kOneRecord = 2,   // exactly one record
};

struct SectionSpec {
  Section id;
  std::string_view name;
  std::uint32_t record_size;  // 1 for byte sections
  std::uint8_t flags;         // SectionFlag
};

// The one table of sections: the builder lays them out, the reader views them and the structural
// check validates them from it, in this order.
inline constexpr SectionSpec kSectionSpecs[kSectionCount] = {
    {kPsl, "psl", 1, 0},
    {kStrings, "strings", 1, 0},
    {kVendors, "vendors", sizeof(VendorRecord), 0},
    {kHostNames, "host_names", 1, 0},
    {kHostBlocks, "host_blocks", sizeof(HostBlock), 0},
    {kHostBloom, "host_bloom", sizeof(std::uint32_t), kPowerOfTwo},
    {kHostRules, "host_rules", sizeof(HostRuleRecord), 0},
    {kHostExtras, "host_extras", sizeof(HostExtra), 0},
    {kHostOptions, "host_options", sizeof(HostOptions), 0},
    {kTokenSlots, "token_slots", sizeof(HashSlot), kPowerOfTwo},
    {kTokenBloom, "token_bloom", sizeof(std::uint32_t), kPowerOfTwo},
    {kSuffixBloom, "suffix_bloom", sizeof(std::uint32_t), kPowerOfTwo},
    {kPatternIndex, "pattern_index", sizeof(IndexEntry), 0},
    {kPatterns, "patterns", sizeof(PatternRecord), 0},
    {kDomains, "domains", sizeof(DomainRecord), 0},
    {kCookieSlots, "cookie_slots", sizeof(HashSlot), kPowerOfTwo},
    {kCookieRules, "cookie_rules", sizeof(CookieRecord), 0},
    {kMeta, "meta", sizeof(Meta), kOneRecord},
};

constexpr bool specs_in_id_order() {
  for (std::uint32_t i = 0; i < kSectionCount; ++i)
    if (kSectionSpecs[i].id != i) return false;
  return true;
}
static_assert(specs_in_id_order(), "kSectionSpecs lists every section once, in Section order");

// Whether T is the record type of section S: the builder and the reader name their record types
// against the table, so a record struct and the table cannot drift apart unnoticed.
template <Section S, class T>
constexpr bool is_record_of = std::is_trivially_copyable_v<T> && sizeof(T) == kSectionSpecs[S].record_size;

// A digest of what a reader of the format must agree on: the section table (order, names, record
// sizes, flags) and the header. Stored beside the version it belongs to (kFormatFingerprint), so a
// layout change that forgets to bump kSnapshotVersion fails tests/engine/snapshot_layout_test.cpp.
// Field order inside a record is not seen: reordering fields also needs a version bump.
constexpr std::uint32_t layout_fingerprint_of(std::span<const SectionSpec, kSectionCount> specs) {
  std::uint32_t h = 2166136261u;  // FNV-1a over the little-endian bytes of each value
  auto mix = [&h](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) h = (h ^ ((v >> (8 * i)) & 0xFFu)) * 16777619u;
  };
  mix(sizeof(Header));
  mix(sizeof(SectionEntry));
  for (const SectionSpec& s : specs) {
    mix(s.id);
    for (char c : s.name) mix(static_cast<std::uint8_t>(c));
    mix(s.record_size);
    mix(s.flags);
  }
  return h;
}
constexpr std::uint32_t layout_fingerprint() { return layout_fingerprint_of(kSectionSpecs); }

struct FormatStamp {
  std::uint32_t version;
  std::uint32_t fingerprint;
};
// The layout_fingerprint() of buffer format `version`: change both together.
inline constexpr FormatStamp kFormatFingerprint = {11, 0x77ffcada};

// The token_bloom bit of a key, for a bitset of 2^log2_bits bits. The top bits of a multiplicative
// hash, so they are independent of the low bits that place the key in token_slots.
constexpr std::uint32_t bloom_bit(std::uint32_t key, unsigned log2_bits) {
  return log2_bits == 0 ? 0 : (key * 0x9E3779B1u) >> (32 - log2_bits);
}

// host_bloom sets two bits a host: the bloom_bit()s of its hash and of this remix of it. At ~5.6
// bits a host, one bit lets 16% of the hosts no rule names through to a block search, two 9%.
constexpr std::uint32_t second_host_key(std::uint32_t hash) { return (hash ^ (hash >> 15)) * 0x2C1B3C6Du; }

constexpr std::uint32_t align4(std::uint32_t n) { return (n + 3u) & ~3u; }

// A bounds-checked array of records inside one section.
template <class T>
class Table {
 public:
  Table() = default;
  explicit Table(std::span<const std::uint8_t> bytes) : data_(bytes.data()), size_(bytes.size() / sizeof(T)) {}
  std::size_t size() const { return size_; }
  // Out-of-range reads give a zeroed record (which matches nothing) instead of touching memory.
  T operator[](std::size_t i) const {
    T out{};
    if (i < size_) std::memcpy(&out, data_ + i * sizeof(T), sizeof(T));
    return out;
  }

 private:
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;  // whole records (reads run in the hottest loops: no division per read)
};

// The bytes of section `id` of a buffer the structural check accepted (Engine::load()).
inline std::span<const std::uint8_t> section_bytes(std::span<const std::uint8_t> buffer, Section id) {
  SectionEntry e;
  std::memcpy(&e, buffer.data() + sizeof(Header) + id * sizeof(SectionEntry), sizeof e);
  return buffer.subspan(e.offset, e.size);
}

// Section S of an accepted buffer as records of T, which must be S's record type.
template <Section S, class T>
Table<T> table_of(std::span<const std::uint8_t> buffer) {
  static_assert(is_record_of<S, T>, "not the record type kSectionSpecs gives this section");
  return Table<T>(section_bytes(buffer, S));
}

}  // namespace warden::snapshot
