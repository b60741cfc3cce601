// libFuzzer target: Firefox session files (mozLz4 around session JSON). Any input is either
// rejected with an error value or decoded; decoded content re-encodes to a file that decodes to
// the same bytes. Session JSON (decoded, or the raw input when it has no mozLz4 magic) is either
// rejected or filtered into JSON that parses again and from which a second filtering takes
// nothing more.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "deletion/site_matcher.h"
#include "stores/firefox_session_restore.h"
#include "stores/mozlz4.h"
#include "warden/public_suffix.h"

namespace {

void check_filtering(std::string_view json) {
  static const cookiewarden::SiteMatcher site("example.test", warden::PublicSuffixList::builtin());
  auto filtered = cookiewarden::filter_session_json(json, site);
  if (!filtered.ok()) return;
  auto again = cookiewarden::filter_session_json(filtered->json, site);
  if (!again.ok() || !again->items.empty() || again->json != filtered->json) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!input.starts_with(cookiewarden::kMozLz4Magic)) {
    check_filtering(input);
    return 0;
  }
  auto content = cookiewarden::decode_mozlz4(input);
  if (!content.ok()) return 0;
  auto file = cookiewarden::encode_mozlz4(*content);
  if (!file.ok()) std::abort();
  auto back = cookiewarden::decode_mozlz4(std::string_view(*file));
  if (!back.ok() || *back != *content) std::abort();
  check_filtering(*content);
  return 0;
}
