// libFuzzer target: URL and host parsing, and the engine deciding arbitrary requests and cookie
// writes. Parsing either fails with an error value or yields a normalised URL; the engine either
// returns an error value or a decision whose views point into its buffer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "warden/engine.h"
#include "warden/engine_builder.h"
#include "warden/url.h"

using namespace warden;

namespace {

const std::vector<std::uint8_t>& engine_buffer() {
  static const std::vector<std::uint8_t> buffer = [] {
    EngineBuilder b;
    if (b.add_default_rules() != Status::ok) std::abort();
    b.add_filter_list("fuzz", "||ads.example^$third-party\n/banner/*/img^\n@@||ads.example/ok^\n"
                              "/\\/[0-9a-f]{8}\\/x\\.js/\n||cdn.example/t.js$domain=shop.example|~a.shop.example\n",
                      Category::marketing);
    auto built = b.build();
    if (!built.ok()) std::abort();
    return std::move(built).value();
  }();
  return buffer;
}

bool inside(std::string_view view, std::span<const std::uint8_t> buffer) {
  if (view.empty()) return true;
  auto* p = reinterpret_cast<const std::uint8_t*>(view.data());
  return p >= buffer.data() && p + view.size() <= buffer.data() + buffer.size();
}

void check_url(const Url& u) {
  if (u.host.empty() || u.path.empty() || u.path.front() != '/') std::abort();
  for (char c : u.host)
    if (c >= 'A' && c <= 'Z') std::abort();
  for (char c : u.scheme)
    if (c >= 'A' && c <= 'Z') std::abort();
}

}  // namespace

// Input: up to three newline-separated fields: request URL, top-level URL, frame URL (the first
// also serves as cookie name and domain).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view fields[3];
  for (auto& field : fields) {
    std::size_t nl = text.find('\n');
    field = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  Url url;
  if (parse_url(fields[0], url) == Status::ok) check_url(url);
  std::string host;
  if (normalize_host(fields[0], host) == Status::ok && host.empty()) std::abort();

  static const Engine engine = *Engine::load(engine_buffer());
  const auto& buffer = engine_buffer();
  std::string_view top = fields[1].empty() ? std::string_view("https://www.shop.example/") : fields[1];
  Policy policy = Policy::necessary_only();
  auto d = engine.decide(Request{fields[0], top, fields[2], ResourceType::script}, policy);
  if (d.ok()) {
    const Classification& c = d->classification;
    std::string storage;
    if (!inside(c.vendor, buffer) || c.rule.empty() != engine.rule_text(c.rule, storage).empty()) std::abort();
  }
  auto c = engine.decide(CookieWrite{fields[0], fields[2].empty() ? fields[0] : fields[2], top, CookieSource::script, fields[0]}, policy);
  if (c.ok() && !inside(c->classification.vendor, buffer)) std::abort();
  return 0;
}
