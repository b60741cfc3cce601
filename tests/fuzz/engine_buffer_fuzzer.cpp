// libFuzzer target: Engine::load() and deciding on hostile buffers. The first byte picks what the
// rest of the input is:
//   0  a whole buffer, as is;
//   1  a patch XORed over a valid buffer at an offset (bytes 1-4), to get past the header checks
//      into the tables, the string pool and the PSL;
//   2  a truncation length (bytes 1-4) of a valid buffer.
// Whatever load() accepts must decide every request and cookie without reading outside the
// buffer (ASan) and verify_snapshot() must reject anything that differs from a built buffer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "warden/engine.h"
#include "warden/engine_builder.h"
#include "warden/snapshot.h"

using namespace warden;

namespace {

const std::vector<std::uint8_t>& valid_buffer() {
  static const std::vector<std::uint8_t> buffer = [] {
    EngineBuilder b;
    if (b.set_public_suffix_list("com\nexample\nco.uk\nuk\ngithub.io\nio\n*.ck\n!www.ck\n") != Status::ok) std::abort();
    VendorDatabase db;
    Vendor ga{"ga", "Google Analytics", Category::analytics, {{"google-analytics.com", ""}}, {{"_ga", false, ""}, {"_ga_", true, ""}}, ""};
    Vendor rc{"rc", "reCAPTCHA", Category::necessary, {{"www.google.com", "/recaptcha/"}}, {{"sid", false, "google.com"}}, ""};
    db.vendors = {ga, rc};
    b.add_vendors(db);
    b.add_imported_vendors(VendorDatabase{{Vendor{"ocd", "OCD", Category::marketing, {}, {{"_fbp", false, ""}}, ""}}});
    b.add_filter_list("l",
                      "||ads.example^$third-party\n/banner/*/img^$image,domain=shop.example|~a.shop.example|shop.*\n"
                      "@@||ads.example/ok^\n/\\/[0-9a-f]{8}\\/x\\.js/$script\n||imp.example^$important\n-728x90.\n",
                      Category::marketing);
    auto built = b.build();
    if (!built.ok()) std::abort();
    return std::move(built).value();
  }();
  return buffer;
}

std::uint32_t read_u32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

void exercise(std::span<const std::uint8_t> buffer) {
  auto engine = Engine::load(buffer);
  if (!engine.ok()) return;
  Policy policy = Policy::necessary_only();
  const char* urls[] = {"https://ads.example/x", "https://ads.example/ok", "https://i.example/banner/a/img?x",
                        "https://www.google.com/recaptcha/api.js", "https://x.example/0123abcd/x.js",
                        "https://imp.example/", "https://s.co.uk/AOD-728x90.js", "https://a.b.www.ck/"};
  for (const char* url : urls)
    for (auto type : {ResourceType::script, ResourceType::image})
      (void)engine->decide(Request{url, "https://www.shop.example/", "https://a.shop.example/", type}, policy);
  for (const char* name : {"_ga", "_ga_XYZ", "sid", "_fbp", "other"})
    (void)engine->decide(CookieWrite{name, ".www.google.com", "https://shop.example/", CookieSource::script,
                                     "https://www.google-analytics.com/analytics.js"},
                         policy);
  (void)engine->stats();
  (void)engine->host_rules();
  (void)engine->site_of("a.b.alice.github.io");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& valid = valid_buffer();
  const std::uint8_t mode = data[0] % 3;
  std::span<const std::uint8_t> rest(data + 1, size - 1);
  if (mode == 0) {
    exercise(rest);
    (void)verify_snapshot(rest);
    return 0;
  }
  if (rest.size() < 4) return 0;
  const std::uint32_t number = read_u32(rest.data());
  std::vector<std::uint8_t> buffer = valid;
  if (mode == 1) {
    std::size_t at = number % buffer.size();
    bool changed = false;
    for (std::size_t i = 4; i < rest.size() && at + (i - 4) < buffer.size(); ++i) {
      buffer[at + (i - 4)] ^= rest[i];
      changed = changed || rest[i] != 0;
    }
    if (changed && verify_snapshot(buffer) == Status::ok) std::abort();
  } else {
    buffer.resize(number % buffer.size());
    if (Engine::load(buffer).ok() || verify_snapshot(buffer) == Status::ok) std::abort();
  }
  exercise(buffer);
  return 0;
}
