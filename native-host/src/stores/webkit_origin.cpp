#include "stores/webkit_origin.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <iterator>

#include "platform/path_presence.h"

namespace cookiewarden {
namespace {

constexpr std::uint32_t kNullString = 0xFFFFFFFF;
// Two origins of at most a few hundred bytes each; anything larger is not an origin file.
constexpr std::uintmax_t kMaxOriginFileBytes = 4096;

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  bool u8(std::uint8_t& value) {
    if (at_ >= bytes_.size()) return false;
    value = static_cast<std::uint8_t>(bytes_[at_++]);
    return true;
  }
  bool u16(std::uint16_t& value) {
    std::uint8_t lo = 0, hi = 0;
    if (!u8(lo) || !u8(hi)) return false;
    value = static_cast<std::uint16_t>(lo | hi << 8);
    return true;
  }
  bool u32(std::uint32_t& value) {
    std::uint16_t lo = 0, hi = 0;
    if (!u16(lo) || !u16(hi)) return false;
    value = lo | static_cast<std::uint32_t>(hi) << 16;
    return true;
  }
  // Origins are ASCII (hosts are punycode): a UTF-16 string is accepted only when every
  // character is ASCII.
  bool ascii_string(std::string& value) {
    std::uint32_t length = 0;
    std::uint8_t latin1 = 0;
    if (!u32(length) || length == kNullString || !u8(latin1)) return false;
    std::size_t width = latin1 ? 1 : 2;
    if ((bytes_.size() - at_) / width < length) return false;
    value.clear();
    for (std::uint32_t i = 0; i < length; ++i) {
      std::uint16_t c = 0;
      if (latin1) c = static_cast<std::uint8_t>(bytes_[at_++]);
      else if (!u16(c)) return false;
      if (c == 0 || c > 0x7F) return false;
      value.push_back(static_cast<char>(c));
    }
    return true;
  }
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

std::string serialise(const std::string& scheme, const std::string& host, std::optional<std::uint16_t> port) {
  std::string origin(scheme);
  origin.append("://").append(host);
  if (port) origin.append(":").append(std::to_string(*port));
  return origin;
}

bool read_origin(Reader& in, std::string& origin) {
  std::string scheme, host;
  std::uint8_t has_port = 0;
  std::optional<std::uint16_t> port;
  if (!in.ascii_string(scheme) || !in.ascii_string(host) || !in.u8(has_port) || has_port > 1) return false;
  if (scheme.empty() || host.empty()) return false;
  if (has_port) {
    std::uint16_t value = 0;
    if (!in.u16(value)) return false;
    port = value;
  }
  origin = serialise(scheme, host, port);
  return true;
}

}  // namespace

std::optional<WebKitClientOrigin> webkit_origin_file(std::string_view bytes) {
  Reader in(bytes);
  WebKitClientOrigin origin;
  if (!read_origin(in, origin.top) || !read_origin(in, origin.frame) || !in.at_end()) return std::nullopt;
  return origin;
}

std::optional<WebKitClientOrigin> webkit_folder_origin(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path file = folder / "origin";
  if (!fs::is_regular_file(fs::symlink_status(file, ec)) || fs::file_size(file, ec) > kMaxOriginFileBytes || ec)
    return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  return webkit_origin_file(bytes);
}

std::vector<WebKitOriginFolder> webkit_origin_folders(const std::filesystem::path& dir) {
  std::vector<WebKitOriginFolder> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!is_real_directory(entry.path())) continue;
    if (std::optional<WebKitClientOrigin> origin = webkit_folder_origin(entry.path()))
      out.push_back({entry.path(), std::move(*origin)});
  }
  return out;
}

SiteItem webkit_folder_item(const std::filesystem::path& folder, const WebKitClientOrigin& origin, ItemKind kind) {
  SiteItem item;
  item.kind = kind;
  item.host = origin.frame;
  if (origin.top != origin.frame) item.partition = origin.top;
  item.path = folder;
  return item;
}

std::string webkit_identifier_origin(std::string_view identifier) {
  std::size_t first = identifier.find('_'), last = identifier.rfind('_');
  if (first == std::string_view::npos || first == 0 || last <= first + 1) return {};
  std::string_view scheme = identifier.substr(0, first), host = identifier.substr(first + 1, last - first - 1);
  std::string_view port_text = identifier.substr(last + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 0xFFFF) return {};
  auto lower_alpha = [](char c) { return (c >= 'a' && c <= 'z') || c == '+' || c == '-' || c == '.'; };
  if (!std::all_of(scheme.begin(), scheme.end(), lower_alpha)) return {};
  return serialise(std::string(scheme), std::string(host),
                   port == 0 ? std::nullopt : std::optional<std::uint16_t>(static_cast<std::uint16_t>(port)));
}

}  // namespace cookiewarden
