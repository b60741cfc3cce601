#include "warden/url.h"

#include "warden/ascii_digits.h"
#include "dns_name.h"

#include <algorithm>
#include <charconv>

namespace warden {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_ipv4(std::string_view host) {
  int parts = 0;
  std::size_t start = 0;
  while (start <= host.size()) {
    std::size_t dot = host.find('.', start);
    std::string_view part = host.substr(start, dot == std::string_view::npos ? host.npos : dot - start);
    if (part.empty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), is_digit)) return false;
    unsigned value = 0;
    std::from_chars(part.data(), part.data() + part.size(), value);
    if (value > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

bool is_ipv6(std::string_view host) {
  if (host.size() < 2 || host.find(':') == std::string_view::npos) return false;
  int groups = 0;
  bool compressed = false;
  std::size_t i = 0;
  while (i < host.size()) {
    if (host.substr(i, 2) == "::") {
      if (compressed) return false;
      compressed = true;
      i += 2;
      continue;
    }
    std::size_t end = host.find(':', i);
    std::string_view group = host.substr(i, end == std::string_view::npos ? host.npos : end - i);
    if (group.find('.') != std::string_view::npos) {  // embedded IPv4 tail (::ffff:1.2.3.4)
      if (end != std::string_view::npos || !is_ipv4(group)) return false;
      groups += 2;
      break;
    }
    if (group.empty() || group.size() > 4 || !std::all_of(group.begin(), group.end(), is_hex)) return false;
    ++groups;
    if (end == std::string_view::npos) break;
    if (host.substr(end, 2) == "::") {
      i = end;
      continue;
    }
    i = end + 1;
    if (i == host.size()) return false;  // trailing single ':'
  }
  return compressed ? groups < 8 : groups == 8;
}

bool is_host_char(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.'; }

Status validate_dns_host(std::string_view host) {
  if (host.empty() || host.size() > dns::kMaxHostLength) return Status::invalid_host;
  if (!std::all_of(host.begin(), host.end(), is_host_char)) return Status::invalid_host;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = host.find('.', start);
    std::size_t len = (dot == std::string_view::npos ? host.size() : dot) - start;
    if (len == 0 || len > dns::kMaxLabelLength) return Status::invalid_host;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // A host whose last label is numeric must be a valid IPv4 address (as in the URL standard).
  std::string_view last = host.substr(host.rfind('.') == std::string_view::npos ? 0 : host.rfind('.') + 1);
  if (std::all_of(last.begin(), last.end(), is_digit) && !is_ipv4(host)) return Status::invalid_host;
  return Status::ok;
}

}  // namespace

bool is_ip_literal(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return is_ipv4(host) || is_ipv6(host);
}

Status normalize_host(std::string_view host, std::string& out) {
  out.clear();
  if (host.size() > 2 && host.front() == '[') {
    std::size_t close = host.find(']');
    if (close == std::string_view::npos) return Status::invalid_host;
    std::string_view rest = host.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return Status::invalid_host;
    host = host.substr(1, close - 1);
    if (!is_ipv6(host)) return Status::invalid_host;
  } else if (std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    if (is_ipv6(host)) {
      // unbracketed IPv6, as cookie stores and some APIs write it
    } else {
      host = host.substr(0, colon);
    }
  }
  out.assign(host);
  std::transform(out.begin(), out.end(), out.begin(), dns::to_lower_ascii);
  if (is_ipv6(out)) return Status::ok;
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (Status s = validate_dns_host(out); s != Status::ok) {
    out.clear();
    return s;
  }
  return Status::ok;
}

Result<std::string> normalize_host(std::string_view host) {
  std::string out;
  Status s = normalize_host(host, out);
  if (s != Status::ok) return {s, "not a valid host: '" + std::string(host) + "'"};
  return out;
}

Status parse_url(std::string_view text, Url& out) {
  out.scheme.clear();
  out.host.clear();
  out.path.clear();
  out.port = 0;
  out.host_is_ip = false;

  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);

  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_alpha(text.front())) return Status::invalid_url;
  std::string_view scheme = text.substr(0, colon);
  if (!std::all_of(scheme.begin(), scheme.end(),
                   [](char c) { return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.'; }))
    return Status::invalid_url;
  std::string_view rest = text.substr(colon + 1);
  if (rest.substr(0, 2) != "//") return Status::invalid_url;  // about:, data:, blob: have no host
  rest.remove_prefix(2);

  std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);

  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::invalid_url;
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Status::invalid_url;
      port = after.substr(1);
    }
  } else if (std::size_t c = authority.rfind(':'); c != std::string_view::npos) {
    host = authority.substr(0, c);
    port = authority.substr(c + 1);
  }
  if (!port.empty()) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value > 65535) return Status::invalid_url;
    out.port = static_cast<std::uint16_t>(value);
  }
  if (normalize_host(host, out.host) != Status::ok) return Status::invalid_host;
  out.host_is_ip = is_ip_literal(out.host);

  out.scheme.assign(scheme);
  std::transform(out.scheme.begin(), out.scheme.end(), out.scheme.begin(), dns::to_lower_ascii);
  std::string_view path = tail.substr(0, tail.find('#'));
  if (path.empty() || path.front() != '/') out.path.push_back('/');
  out.path.append(path);
  return Status::ok;
}

Result<Url> parse_url(std::string_view text) {
  Url url;
  Status s = parse_url(text, url);
  if (s != Status::ok) return {s, std::string(status_message(s)) + ": '" + std::string(text.substr(0, 200)) + "'"};
  return url;
}

}  // namespace warden
