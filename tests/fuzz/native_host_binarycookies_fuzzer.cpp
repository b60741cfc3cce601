// libFuzzer target: Safari Cookies.binarycookies. Any input either is rejected with an error
// value or parses into views that stay inside the input; a parsed jar, rewritten without some of
// its records, must parse again with exactly the surviving records, byte for byte.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "stores/safari_binarycookies.h"

using cookiewarden::BinaryCookieRecord;

namespace {

bool inside(std::span<const std::uint8_t> outer, std::span<const std::uint8_t> inner) {
  return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> input(data, size);
  auto jar = cookiewarden::parse_binarycookies(input);
  if (!jar.ok()) return 0;

  std::vector<std::span<const std::uint8_t>> survivors;
  // Drop every record whose domain starts with an odd byte: an arbitrary but input-driven choice.
  auto remove = [](const BinaryCookieRecord& r) { return !r.domain.empty() && (r.domain.front() & 1); };
  for (const auto& page : jar->pages) {
    if (!inside(input, page.bytes)) std::abort();
    for (const auto& record : page.records) {
      if (!inside(page.bytes, record.bytes)) std::abort();
      if (!remove(record)) survivors.push_back(record.bytes);
    }
  }

  auto rewritten = cookiewarden::serialize_binarycookies_without(*jar, remove);
  auto again = cookiewarden::parse_binarycookies(rewritten);
  if (!again.ok() || again->record_count() != survivors.size()) std::abort();
  std::size_t i = 0;
  for (const auto& page : again->pages)
    for (const auto& record : page.records) {
      const auto& before = survivors[i++];
      if (record.bytes.size() != before.size() || !std::equal(before.begin(), before.end(), record.bytes.begin())) std::abort();
    }
  return 0;
}
