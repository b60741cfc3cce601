#include "protocol/reply_paging.h"

namespace cookiewarden::protocol {
namespace {

using nlohmann::json;

// Bytes a character takes inside a JSON string as nlohmann::json writes it (ensure_ascii off):
// quote and backslash double, short escapes take two, other controls take six (\u00XX).
std::size_t escaped_size(unsigned char c) {
  if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') return 2;
  return c < 0x20 ? 6 : 1;
}

// Largest page count any reply can have, for a digit budget that holds for every page.
constexpr std::size_t kMaxPageCountDigits = 10;

json page_message(const json& id, std::size_t index, std::size_t count, std::string_view part) {
  return json{{"id", id}, {"ok", true}, {"page", {{"index", index}, {"count", count}}}, {"result_part", part}};
}

// What a page costs besides its escaped text: the envelope with the widest index and count.
std::size_t page_overhead(const json& id) {
  return serialize(page_message(id, 0, 0, "")).size() + 2 * (kMaxPageCountDigits - 1);
}

// Cuts `text` into slices whose escaped size is at most `budget`, on code-point boundaries.
std::vector<std::string_view> slice(std::string_view text, std::size_t budget) {
  std::vector<std::string_view> parts;
  std::size_t start = 0, used = 0, i = 0;
  while (i < text.size()) {
    std::size_t cp_end = i + 1;
    while (cp_end < text.size() && (static_cast<unsigned char>(text[cp_end]) & 0xC0) == 0x80) ++cp_end;
    std::size_t cost = 0;
    for (std::size_t k = i; k < cp_end; ++k) cost += escaped_size(static_cast<unsigned char>(text[k]));
    if (used + cost > budget) {
      parts.push_back(text.substr(start, i - start));
      start = i;
      used = 0;
    }
    used += cost;
    i = cp_end;
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::string too_large(const json& id, std::size_t size) {
  return serialize(error_reply(
      id, {ErrorCode::too_large, "the result is " + std::to_string(size) + " bytes, more than the " +
                                     std::to_string(kMaxPagedResultBytes) + " bytes a reply may page"}));
}

}  // namespace

std::vector<std::string> result_reply_messages(const json& id, const json& result, std::size_t max_message_bytes) {
  // The envelope is written by hand so a large result is serialised once and never copied.
  std::string text = serialize(result);
  std::string single = "{\"id\":" + serialize(id) + ",\"ok\":true,\"result\":";
  if (single.size() + text.size() + 1 <= max_message_bytes) return {single + text + "}"};
  if (text.size() > kMaxPagedResultBytes) return {too_large(id, text.size())};

  std::size_t overhead = page_overhead(id);
  // A page must carry at least one escaped code point (≤ 4 bytes × 6) to make progress.
  if (max_message_bytes < overhead + 24) return {too_large(id, text.size())};
  std::vector<std::string_view> parts = slice(text, max_message_bytes - overhead);
  std::vector<std::string> messages;
  messages.reserve(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) messages.push_back(serialize(page_message(id, i, parts.size(), parts[i])));
  return messages;
}

}  // namespace cookiewarden::protocol
