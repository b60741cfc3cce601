#include "stores/firefox_origin_attributes.h"

#include "warden/ascii_digits.h"

namespace cookiewarden {

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = warden::hex_digit_value(text[i + 1]), low = warden::hex_digit_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string firefox_partition_key_site(std::string_view key) {
  // "(scheme,host[,port][,f])": the optional 'f' marks a cross-site ancestor, not a port.
  if (key.size() < 2 || key.front() != '(' || key.back() != ')') return {};
  std::string_view inner = key.substr(1, key.size() - 2);
  std::size_t first = inner.find(',');
  if (first == 0 || first == std::string_view::npos) return {};
  std::string_view scheme = inner.substr(0, first), rest = inner.substr(first + 1);
  std::size_t second = rest.find(',');
  std::string_view host = rest.substr(0, second);
  if (host.empty()) return {};
  std::string site = std::string(scheme) + "://" + std::string(host);
  if (second == std::string_view::npos) return site;
  std::string_view port = rest.substr(second + 1);
  port = port.substr(0, port.find(','));
  bool numeric = !port.empty() && port.find_first_not_of("0123456789") == std::string_view::npos;
  return numeric ? site + ":" + std::string(port) : site;
}

std::string firefox_partition_site(std::string_view origin_attributes) {
  if (origin_attributes.starts_with('^')) origin_attributes.remove_prefix(1);
  static constexpr std::string_view kKey = "partitionKey=";
  while (!origin_attributes.empty()) {
    std::size_t end = origin_attributes.find('&');
    std::string_view attribute = origin_attributes.substr(0, end);
    origin_attributes = end == std::string_view::npos ? std::string_view{} : origin_attributes.substr(end + 1);
    if (attribute.starts_with(kKey)) return firefox_partition_key_site(percent_decode(attribute.substr(kKey.size())));
  }
  return {};
}

}  // namespace cookiewarden
