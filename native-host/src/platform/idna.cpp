#include "platform/idna.h"

#include <idn2.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace cookiewarden {
namespace {

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

warden::Result<std::string> host_to_ascii(std::string_view host) {
  if (is_ascii(host)) return std::string(host);
  std::string input(host);
  char* output = nullptr;
  int rc = idn2_to_ascii_8z(input.c_str(), &output, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  std::unique_ptr<char, decltype(&idn2_free)> owned(output, idn2_free);
  if (rc != IDN2_OK)
    return {warden::Status::invalid_host, "cannot convert '" + input + "' to an ASCII host name: " + idn2_strerror(rc)};
  return std::string(owned.get());
}

warden::Result<std::string> url_to_ascii(std::string_view url) {
  if (is_ascii(url)) return std::string(url);
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {warden::Status::invalid_url, "not an absolute URL: '" + std::string(url) + "'"};
  std::size_t host_start = scheme_end + 3;
  std::size_t host_end = url.find_first_of("/?#", host_start);
  if (host_end == std::string_view::npos) host_end = url.size();
  std::string_view authority = url.substr(host_start, host_end - host_start);
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    host_start += at + 1;
    authority = url.substr(host_start, host_end - host_start);
  }
  std::size_t port = authority.rfind(':');
  std::string_view host = port == std::string_view::npos ? authority : authority.substr(0, port);
  auto ascii = host_to_ascii(host);
  if (!ascii.ok()) return ascii;
  std::string out(url.substr(0, host_start));
  out += *ascii;
  out += url.substr(host_start + host.size());
  return out;
}

}  // namespace cookiewarden
