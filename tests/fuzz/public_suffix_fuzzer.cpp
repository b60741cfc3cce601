// libFuzzer target: the public suffix list. The first byte picks what the rest of the input is:
//   0  a blob for view(), as is;
//   1  a patch XORed over a valid compiled blob, to get past the header checks into the slots;
//   2  list text for compile(), whose output must always view;
//   3  a host looked up in the built-in list.
// Whatever view() accepts must answer every lookup with a suffix of the host (or nothing).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>
#include <vector>

#include "warden/public_suffix.h"

using warden::PublicSuffixList;

namespace {

constexpr std::string_view kSeedList =
    "com\nuk\nco.uk\njp\nkobe.jp\n*.kobe.jp\n!city.kobe.jp\n*.ck\n!www.ck\n"
    "\xE5\x85\xAC\xE5\x8F\xB8.cn\ngithub.io\n*.compute.amazonaws.com\n";

constexpr std::string_view kHosts[] = {
    "",  "com", "www.example.co.uk", "a.b.c.kobe.jp", "city.kobe.jp", "www.ck", "b.test.ck", "alice.github.io",
    "x.y.compute.amazonaws.com", "localhost", "127.0.0.1", "::1", ".com", "a..b", "EXAMPLE.COM",
    "xn--85x722f.xn--55qx5d.cn"};

bool is_suffix_of(std::string_view answer, std::string_view host) {
  return answer.empty() || (answer.size() <= host.size() && answer.data() == host.data() + host.size() - answer.size());
}

void check_lookup(const PublicSuffixList& list, std::string_view host) {
  std::string_view suffix = list.public_suffix(host);
  std::string_view domain = list.registrable_domain(host);
  std::string_view site = list.site_of(host);
  if (!is_suffix_of(suffix, host) || !is_suffix_of(domain, host) || !is_suffix_of(site, host)) std::abort();
  if (!domain.empty() && domain.size() <= suffix.size()) std::abort();
  if (site.empty() && !host.empty()) std::abort();
}

void check_list(const PublicSuffixList& list, std::span<const std::uint8_t> input) {
  for (std::string_view host : kHosts) check_lookup(list, host);
  check_lookup(list, {reinterpret_cast<const char*>(input.data()), input.size()});
}

const std::vector<std::uint8_t>& seed_blob() {
  static const std::vector<std::uint8_t> blob = PublicSuffixList::compile(kSeedList).value();
  return blob;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::span<const std::uint8_t> input(data + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      // The view must not outlive its bytes, so copy to an exactly sized buffer: ASan then sees any
      // read past the end.
      std::vector<std::uint8_t> blob(input.begin(), input.end());
      if (auto list = PublicSuffixList::view(blob); list.ok()) check_list(*list, input);
      break;
    }
    case 1: {
      std::vector<std::uint8_t> blob = seed_blob();
      for (std::size_t i = 0; i < input.size(); ++i) blob[i % blob.size()] ^= input[i];
      if (auto list = PublicSuffixList::view(blob); list.ok()) check_list(*list, input);
      break;
    }
    case 2: {
      auto blob = PublicSuffixList::compile({reinterpret_cast<const char*>(input.data()), input.size()});
      if (!blob.ok()) break;
      auto list = PublicSuffixList::view(*blob);
      if (!list.ok()) std::abort();
      check_list(*list, input);
      break;
    }
    default:
      check_list(PublicSuffixList::builtin(), input);
  }
  return 0;
}
