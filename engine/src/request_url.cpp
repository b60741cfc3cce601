#include "request_url.h"

#include "warden/ascii_digits.h"
#include "dns_name.h"

namespace warden {
namespace {

bool is_lower_alpha(char c) { return c >= 'a' && c <= 'z'; }

// The scheme's end (its ':') when it is lower-case and followed by "//"; npos otherwise.
std::size_t canonical_scheme_end(std::string_view s) {
  if (s.empty() || !is_lower_alpha(s[0])) return std::string_view::npos;
  std::size_t i = 1;
  while (i < s.size() && (is_lower_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ++i;
  if (s.substr(i, 3) != "://") return std::string_view::npos;
  return i;
}

// Where a DNS host that parse_url() would keep byte for byte ends (the first byte that cannot be
// in a host), checked in the same pass that finds the end: lower-case, valid labels, no trailing
// dot, and not ending in a digit (a numeric last label must be an IPv4 address: left to
// parse_url()). npos when the host is not such a host.
std::size_t canonical_host_end(std::string_view s, std::size_t begin) {
  std::size_t label = 0, i = begin;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.') {
      if (label == 0) return std::string_view::npos;
      label = 0;
    } else if (is_lower_alpha(c) || is_digit(c) || c == '-' || c == '_') {
      if (++label > dns::kMaxLabelLength) return std::string_view::npos;
    } else {
      break;
    }
  }
  // label == 0: an empty host or a trailing dot.
  if (label == 0 || i - begin > dns::kMaxHostLength || is_digit(s[i - 1])) return std::string_view::npos;
  return i;
}

// A port parse_url() prints back the same: 1-65535 without leading zeros.
bool is_canonical_port(std::string_view port) {
  if (port.empty() || port.size() > 5 || port[0] == '0') return false;
  unsigned value = 0;
  for (char c : port) {
    if (!is_digit(c)) return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value <= 65535;
}

// Views `input` when it is canonical; false sends it through parse_url().
bool view_canonical(std::string_view input, RequestUrl& out) {
  std::size_t colon = canonical_scheme_end(input);
  if (colon == std::string_view::npos) return false;
  const std::size_t host_begin = colon + 3;
  const std::size_t host_end = canonical_host_end(input, host_begin);
  if (host_end == std::string_view::npos) return false;
  std::size_t tail = host_end;
  if (tail < input.size() && input[tail] == ':') {
    const std::size_t port_begin = tail + 1;
    tail = port_begin;
    while (tail < input.size() && is_digit(input[tail])) ++tail;
    if (!is_canonical_port(input.substr(port_begin, tail - port_begin))) return false;
  }
  // Anything else after the host (user info, '?', '#', the end) is for parse_url(), which also
  // inserts the '/' of an empty path.
  if (tail == input.size() || input[tail] != '/') return false;
  std::string_view host = input.substr(host_begin, host_end - host_begin);
  std::size_t end = input.find('#', tail);
  std::string_view text = input.substr(0, end);
  if (text.back() == ' ' || text.back() == '\t') return false;  // parse_url() trims them
  out.url = {text, host_begin, host_begin + host.size()};
  out.host = host;
  out.path = text.substr(tail);
  return true;
}

void rebuild(const Url& u, std::string& text, RequestUrl& out) {
  text.clear();
  text += u.scheme;
  text += "://";
  bool bracket = u.host.find(':') != std::string::npos;
  if (bracket) text += '[';
  out.url.host_begin = text.size();
  text += u.host;
  out.url.host_end = text.size();
  if (bracket) text += ']';
  if (u.port != 0) {
    text += ':';
    text += std::to_string(u.port);
  }
  text += u.path;
  out.url.text = text;
  out.host = u.host;
  out.path = u.path;
}

}  // namespace

Status parse_request_url(std::string_view input, Url& parsed, std::string& storage, RequestUrl& out) {
  if (view_canonical(input, out)) return Status::ok;
  if (Status s = parse_url(input, parsed); s != Status::ok) return s;
  rebuild(parsed, storage, out);
  return Status::ok;
}

}  // namespace warden
