// libFuzzer target: the filter-list parser and what the engine builds from its rules. Any text
// parses without crashing, the report accounts for every line, and the rules that load always
// build into a buffer that loads, verifies and decides requests.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "warden/engine.h"
#include "warden/engine_builder.h"
#include "warden/filter_list.h"
#include "warden/snapshot.h"

using namespace warden;

namespace {

// Building copies the public suffix list into the buffer; a small one keeps executions fast.
constexpr std::string_view kSmallPsl = "com\nexample\nco.uk\nuk\ngithub.io\nio\n";

constexpr std::string_view kUrls[] = {
    "https://ads.example.com/banner/728x90.gif?x=1", "http://www.site.co.uk/track.js", "wss://alice.github.io:8443/ws",
    "https://[2001:db8::1]/a^b*c", "https://104.154.1.2/" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};

// Every line is one filter (loaded, or disabled by a badfilter), one skip reason, or blank.
void check_report(const ParsedFilterList& list) {
  std::size_t skipped = 0;
  for (const auto& [reason, count] : list.report.skipped) skipped += count;
  if (list.report.loaded != list.filters.size()) std::abort();
  if (list.report.loaded + skipped > list.report.lines) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check_report(parse_filter_list("fuzz", text, Category::marketing));
  if (size > 4096) return 0;  // building is the slow part; long inputs only exercise the parser

  EngineBuilder builder;
  if (builder.set_public_suffix_list(kSmallPsl) != Status::ok) std::abort();
  builder.add_filter_list("fuzz", text, Category::analytics);
  auto buffer = builder.build();
  if (!buffer.ok()) return 0;  // too many rules for one buffer is an error value, not a crash
  if (verify_snapshot(*buffer) != Status::ok) std::abort();
  auto engine = Engine::load(*buffer);
  if (!engine.ok()) std::abort();
  Policy policy = Policy::necessary_only();
  for (std::string_view url : kUrls) {
    for (auto type : {ResourceType::script, ResourceType::image, ResourceType::main_frame}) {
      auto d = engine->decide(Request{url, "https://www.site.co.uk/", "https://frame.example.com/", type}, policy);
      if (!d.ok()) std::abort();
    }
  }
  return 0;
}
