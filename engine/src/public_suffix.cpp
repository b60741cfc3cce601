#include "warden/public_suffix.h"

#include "dns_name.h"

#include <algorithm>
#include <bit>
#include <map>
#include <string>

#include "warden/punycode.h"
#include "warden/url.h"

// The blob is a hash trie. Every rule is a path of labels from the TLD inwards ("*.kobe.jp" is
// jp → kobe, flagged "wildcard below"), and every node of that trie, rule or not, is one slot of
// an open-addressing table keyed by (parent slot, label). A lookup walks the host's labels from
// the right, one probe sequence per label, and stops at the first label without a node. A key
// is verified in full (parent slot index, then the label bytes), so hash collisions only cost a
// probe, never a wrong answer.
//
// Layout, format version 1, integers little-endian, no alignment assumed:
//
//   offset          size              field
//   0               4                 magic "WPSL"
//   4               4                 format version
//   8               4                 rule count (distinct normal, wildcard and exception rules)
//   12              4                 node count
//   16              4                 slot count (> node count, so every probe sequence ends)
//   20              4                 label pool size in bytes
//   24              8                 reserved, zero
//   32              8 * slot count    slots
//   32 + 8 * slots  pool size         label pool: each distinct label once, lower-case ASCII
//
// Slot: two 32-bit words; an empty slot is all zero.
//   word 0  bits 0..27   parent slot index, or kTopLevel for a TLD
//           bit  28      node present
//           bit  29      rule "<path>"
//           bit  30      rule "*.<path>"
//           bit  31      rule "!<path>"
//   word 1  bits 0..25   offset of the label in the pool
//           bits 26..31  label length (1..63)
//
// Changing any of this, or the hash, means bumping kFormatVersion.

namespace warden {
namespace {

constexpr std::uint32_t kMagic = 0x4C535057;  // "WPSL" read as little-endian
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kHeaderSize = 32;
constexpr std::size_t kSlotSize = 8;

constexpr std::uint32_t kParentMask = 0x0FFFFFFF;
constexpr std::uint32_t kTopLevel = kParentMask;
constexpr std::uint32_t kPresent = 1u << 28;
constexpr std::uint32_t kNormalRule = 1u << 29;
constexpr std::uint32_t kWildcardRule = 1u << 30;
constexpr std::uint32_t kExceptionRule = 1u << 31;
constexpr std::uint32_t kRuleMask = kNormalRule | kWildcardRule | kExceptionRule;

constexpr std::uint32_t kOffsetMask = (1u << 26) - 1;
constexpr unsigned kLengthShift = 26;
constexpr std::uint32_t kMaxSlots = kTopLevel;  // slot indices must stay below kTopLevel

struct BlobHeader {
  std::uint32_t magic, version, rule_count, node_count, slot_count, pool_size, reserved0, reserved1;
};

std::uint32_t load_u32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}

void store_u32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

BlobHeader read_header(const std::uint8_t* p) {
  return {load_u32(p),      load_u32(p + 4),  load_u32(p + 8),  load_u32(p + 12),
          load_u32(p + 16), load_u32(p + 20), load_u32(p + 24), load_u32(p + 28)};
}

// FNV-1a over the lower-cased label, seeded with the parent, then the murmur3 finaliser so the
// high bits used for the slot index depend on every byte. Part of the format.
std::uint32_t hash_key(std::uint32_t parent, std::string_view label) {
  std::uint32_t h = 2166136261u ^ (parent * 0x9E3779B1u);
  for (char c : label) {
    h ^= static_cast<std::uint8_t>(dns::to_lower_ascii(c));
    h *= 16777619u;
  }
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h;
}

std::uint32_t home_slot(std::uint32_t hash, std::uint32_t slot_count) {
  return static_cast<std::uint32_t>((std::uint64_t{hash} * slot_count) >> 32);
}

std::uint32_t next_slot(std::uint32_t slot, std::uint32_t slot_count) { return slot + 1 == slot_count ? 0 : slot + 1; }

// ---- compiling ----------------------------------------------------------------------------

struct Node {
  std::uint32_t parent;
  std::string label;
  std::uint32_t rules = 0;
};

// The trie while compiling: nodes in insertion order, found by (parent node, label).
struct TrieBuilder {
  std::vector<Node> nodes;
  std::map<std::pair<std::uint32_t, std::string>, std::uint32_t, std::less<>> index;

  std::uint32_t child(std::uint32_t parent, std::string_view label) {
    auto key = std::pair{parent, std::string(label)};
    if (auto it = index.find(key); it != index.end()) return it->second;
    auto id = static_cast<std::uint32_t>(nodes.size());
    nodes.push_back({parent, std::string(label)});
    index.emplace(std::move(key), id);
    return id;
  }
};

bool is_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Splits "a.b.c" into labels, checking each; an empty vector means the name is malformed.
std::vector<std::string_view> split_labels(std::string_view name) {
  std::vector<std::string_view> labels;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = name.find('.', start);
    std::string_view label = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > dns::kMaxLabelLength || !std::all_of(label.begin(), label.end(), is_label_char))
      return {};
    labels.push_back(label);
    if (dot == std::string_view::npos) return labels;
    start = dot + 1;
  }
}

// The list format: one rule per line, read up to the first whitespace; "//" starts a comment line.
std::string_view rule_text_of(std::string_view line) {
  constexpr std::string_view kSpace = " \t\r\v\f";
  std::size_t begin = line.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  line.remove_prefix(begin);
  line = line.substr(0, line.find_first_of(kSpace));
  return line.starts_with("//") ? std::string_view{} : line;
}

Status add_rule(TrieBuilder& trie, std::string_view text, std::string& error) {
  std::uint32_t kind = kNormalRule;
  if (text.starts_with("!")) {
    kind = kExceptionRule;
    text.remove_prefix(1);
  } else if (text.starts_with("*.")) {
    kind = kWildcardRule;
    text.remove_prefix(2);
  }
  if (text.find('*') != std::string_view::npos) {
    error = "a wildcard is only supported as the whole leftmost label";
    return Status::unsupported;
  }
  auto ascii = domain_to_ascii(text);
  if (!ascii.ok()) {
    error = ascii.detail();
    return Status::invalid_rule;
  }
  auto labels = split_labels(*ascii);
  if (labels.empty()) {
    error = "not a domain name";
    return Status::invalid_rule;
  }
  if (kind == kExceptionRule && labels.size() < 2) {
    error = "an exception rule needs at least two labels";
    return Status::invalid_rule;
  }
  std::uint32_t node = kTopLevel;
  for (auto label = labels.rbegin(); label != labels.rend(); ++label) node = trie.child(node, *label);
  trie.nodes[node].rules |= kind;
  return Status::ok;
}

Result<TrieBuilder> parse_rules(std::string_view dat_text) {
  TrieBuilder trie;
  std::size_t line_number = 0;
  while (!dat_text.empty()) {
    std::size_t newline = dat_text.find('\n');
    std::string_view line = dat_text.substr(0, newline);
    dat_text.remove_prefix(newline == std::string_view::npos ? dat_text.size() : newline + 1);
    ++line_number;
    std::string_view rule = rule_text_of(line);
    if (rule.empty()) continue;
    std::string error;
    if (Status s = add_rule(trie, rule, error); s != Status::ok)
      return {s, "public suffix list line " + std::to_string(line_number) + ": '" + std::string(rule.substr(0, 100)) +
                     "': " + error};
  }
  if (trie.nodes.empty()) return {Status::invalid_argument, "the public suffix list has no rules"};
  return trie;
}

// Interns labels so that "com", "city", "k12"... are stored once.
struct LabelPool {
  std::string bytes;
  std::map<std::string, std::uint32_t, std::less<>> offsets;

  std::uint32_t offset_of(const std::string& label) {
    auto [it, inserted] = offsets.emplace(label, static_cast<std::uint32_t>(bytes.size()));
    if (inserted) bytes += label;
    return it->second;
  }
};

// Places the nodes parent-first (insertion order guarantees a parent precedes its children), so
// each node's parent already has its final slot index when the node's key is hashed.
Result<std::vector<std::uint8_t>> write_blob(const TrieBuilder& trie) {
  auto node_count = static_cast<std::uint32_t>(trie.nodes.size());
  std::uint64_t wanted = std::uint64_t{node_count} * 4 / 3 + 1;
  if (wanted > kMaxSlots) return {Status::unsupported, "the public suffix list is too large for format version 1"};
  auto slot_count = static_cast<std::uint32_t>(wanted);

  LabelPool pool;
  std::vector<std::uint32_t> node_slot(node_count);
  std::vector<std::uint8_t> slots(std::size_t{slot_count} * kSlotSize, 0);
  std::uint32_t rule_count = 0;
  for (std::uint32_t id = 0; id < node_count; ++id) {
    const Node& node = trie.nodes[id];
    std::uint32_t parent = node.parent == kTopLevel ? kTopLevel : node_slot[node.parent];
    std::uint32_t slot = home_slot(hash_key(parent, node.label), slot_count);
    while (load_u32(&slots[std::size_t{slot} * kSlotSize]) & kPresent) slot = next_slot(slot, slot_count);
    node_slot[id] = slot;
    std::uint32_t offset = pool.offset_of(node.label);
    if (offset > kOffsetMask) return {Status::unsupported, "the public suffix list is too large for format version 1"};
    store_u32(&slots[std::size_t{slot} * kSlotSize], parent | kPresent | node.rules);
    store_u32(&slots[std::size_t{slot} * kSlotSize + 4],
              offset | static_cast<std::uint32_t>(node.label.size()) << kLengthShift);
    rule_count += static_cast<std::uint32_t>(std::popcount(node.rules));
  }

  std::vector<std::uint8_t> blob(kHeaderSize + slots.size() + pool.bytes.size(), 0);
  const std::uint32_t header[] = {kMagic,     kFormatVersion, rule_count, node_count,
                                  slot_count, static_cast<std::uint32_t>(pool.bytes.size())};
  for (std::size_t i = 0; i < std::size(header); ++i) store_u32(&blob[4 * i], header[i]);
  std::copy(slots.begin(), slots.end(), blob.begin() + kHeaderSize);
  std::copy(pool.bytes.begin(), pool.bytes.end(), blob.begin() + kHeaderSize + static_cast<std::ptrdiff_t>(slots.size()));
  return blob;
}

// ---- viewing ------------------------------------------------------------------------------

Result<PublicSuffixList> corrupt(std::string detail) {
  return {Status::corrupt_buffer, "public suffix list blob: " + std::move(detail)};
}

// Checks every slot so that lookups can trust offsets, lengths and parents without re-checking.
Status check_slots(std::span<const std::uint8_t> slots, const BlobHeader& h, std::string& error) {
  std::uint32_t present = 0, rules = 0;
  for (std::uint32_t i = 0; i < h.slot_count; ++i) {
    std::uint32_t word0 = load_u32(&slots[std::size_t{i} * kSlotSize]);
    std::uint32_t word1 = load_u32(&slots[std::size_t{i} * kSlotSize + 4]);
    if (!(word0 & kPresent)) {
      if (word0 == 0 && word1 == 0) continue;
      error = "slot " + std::to_string(i) + " is empty but not zero";
      return Status::corrupt_buffer;
    }
    std::uint32_t parent = word0 & kParentMask;
    std::uint32_t length = word1 >> kLengthShift;
    std::uint32_t offset = word1 & kOffsetMask;
    if ((parent != kTopLevel && parent >= h.slot_count) || length == 0 || offset + length > h.pool_size) {
      error = "slot " + std::to_string(i) + " points outside the blob";
      return Status::corrupt_buffer;
    }
    // public_suffix() relies on this: an exception always has a label to its right.
    if (parent == kTopLevel && (word0 & kExceptionRule)) {
      error = "slot " + std::to_string(i) + " is a top-level exception";
      return Status::corrupt_buffer;
    }
    ++present;
    rules += static_cast<std::uint32_t>(std::popcount(word0 & kRuleMask));
  }
  if (present != h.node_count || rules != h.rule_count) {
    error = "node or rule count does not match the header";
    return Status::corrupt_buffer;
  }
  return Status::ok;
}

// ---- lookup -------------------------------------------------------------------------------

struct BlobTable {
  const std::uint8_t* slots;
  std::uint32_t slot_count;
  const char* pool;
};

BlobTable table_of(std::span<const std::uint8_t> blob) {
  BlobHeader h = read_header(blob.data());
  return {blob.data() + kHeaderSize, h.slot_count,
          reinterpret_cast<const char*>(blob.data() + kHeaderSize + std::size_t{h.slot_count} * kSlotSize)};
}

bool label_equals(const char* stored, std::string_view label) {
  for (std::size_t i = 0; i < label.size(); ++i)
    if (stored[i] != dns::to_lower_ascii(label[i])) return false;
  return true;
}

struct Found {
  std::uint32_t slot;
  std::uint32_t rules;
};

// The node for `label` under `parent`; slot == kTopLevel when there is none. Terminates because
// view() checked that at least one slot is empty.
Found find_child(const BlobTable& t, std::uint32_t parent, std::string_view label) {
  if (label.size() > dns::kMaxLabelLength) return {kTopLevel, 0};
  for (std::uint32_t slot = home_slot(hash_key(parent, label), t.slot_count);; slot = next_slot(slot, t.slot_count)) {
    std::uint32_t word0 = load_u32(t.slots + std::size_t{slot} * kSlotSize);
    if (!(word0 & kPresent)) return {kTopLevel, 0};
    if ((word0 & kParentMask) != parent) continue;
    std::uint32_t word1 = load_u32(t.slots + std::size_t{slot} * kSlotSize + 4);
    if ((word1 >> kLengthShift) == label.size() && label_equals(t.pool + (word1 & kOffsetMask), label))
      return {slot, word0 & kRuleMask};
  }
}

// Hosts the PSL algorithm has no answer for: IP literals and names with an empty label.
bool has_no_public_suffix(std::string_view host) {
  if (host.empty() || host.front() == '.' || host.back() == '.' || host.find("..") != std::string_view::npos)
    return true;
  char last = host.back();
  bool maybe_ip = (last >= '0' && last <= '9') || last == ']' || host.find(':') != std::string_view::npos;
  return maybe_ip && is_ip_literal(host);
}

// Start of the label that ends just before position `end` (exclusive).
std::size_t label_start(std::string_view host, std::size_t end) {
  std::size_t dot = host.rfind('.', end - 1);
  return dot == std::string_view::npos ? 0 : dot + 1;
}

}  // namespace

Result<std::vector<std::uint8_t>> PublicSuffixList::compile(std::string_view dat_text) {
  auto trie = parse_rules(dat_text);
  if (!trie.ok()) return {trie.status(), trie.detail()};
  return write_blob(*trie);
}

Result<PublicSuffixList> PublicSuffixList::view(std::span<const std::uint8_t> blob) {
  if (blob.size() < kHeaderSize) return corrupt("shorter than its header");
  BlobHeader h = read_header(blob.data());
  if (h.magic != kMagic) return corrupt("bad magic");
  if (h.version != kFormatVersion)
    return {Status::version_mismatch, "public suffix list blob: format version " + std::to_string(h.version) +
                                          ", expected " + std::to_string(kFormatVersion)};
  if (h.reserved0 != 0 || h.reserved1 != 0) return corrupt("reserved header fields are not zero");
  if (h.slot_count == 0 || h.slot_count > kMaxSlots || h.node_count >= h.slot_count)
    return corrupt("bad slot or node count");
  std::uint64_t expected_size = kHeaderSize + std::uint64_t{h.slot_count} * kSlotSize + h.pool_size;
  if (expected_size != blob.size()) return corrupt("size does not match its header");
  std::string error;
  if (check_slots(blob.subspan(kHeaderSize, std::size_t{h.slot_count} * kSlotSize), h, error) != Status::ok)
    return corrupt(error);
  return PublicSuffixList(blob);
}

std::string_view PublicSuffixList::public_suffix(std::string_view host) const {
  if (has_no_public_suffix(host)) return {};
  const BlobTable table = table_of(blob_);
  // The implicit "*" rule: an unlisted TLD is a public suffix.
  std::size_t suffix_start = label_start(host, host.size());
  std::uint32_t parent = kTopLevel;
  for (std::size_t end = host.size();;) {
    std::size_t start = label_start(host, end);
    Found node = find_child(table, parent, host.substr(start, end - start));
    if (node.slot == kTopLevel) break;
    // An exception outranks every other match, and its public suffix drops its leftmost label.
    if (node.rules & kExceptionRule) return host.substr(end + 1);
    if (node.rules & kNormalRule) suffix_start = start;
    if ((node.rules & kWildcardRule) && start > 0) suffix_start = label_start(host, start - 1);
    if (start == 0) break;
    parent = node.slot;
    end = start - 1;
  }
  return host.substr(suffix_start);
}

std::string_view PublicSuffixList::registrable_domain(std::string_view host) const {
  std::string_view suffix = public_suffix(host);
  if (suffix.empty() || suffix.size() == host.size()) return {};
  return host.substr(label_start(host, host.size() - suffix.size() - 1));
}

std::string_view PublicSuffixList::site_of(std::string_view host) const {
  std::string_view domain = registrable_domain(host);
  return domain.empty() ? host : domain;
}

std::size_t PublicSuffixList::rule_count() const { return read_header(blob_.data()).rule_count; }

}  // namespace warden
