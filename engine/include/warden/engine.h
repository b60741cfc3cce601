// The compiled engine: classify and decide requests and cookie writes.
//
// Lifecycle: an EngineBuilder (engine_builder.h) turns vendor databases, filter lists and the
// public suffix list into one byte buffer. Engine::load() views that buffer without parsing it
// (bounds-checked header read); the buffer must outlive the Engine. Deciding never allocates after
// the first call on a thread (scratch buffers are reused).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "warden/decision.h"
#include "warden/policy.h"
#include "warden/public_suffix.h"
#include "warden/request.h"
#include "warden/status.h"

namespace warden {

struct EngineStats {
  std::size_t buffer_bytes = 0;
  std::size_t vendors = 0;
  std::size_t host_rules = 0;
  std::size_t cookie_rules = 0;
  std::size_t filter_rules = 0;
  std::size_t psl_rules = 0;
};

class Engine {
 public:
  static Result<Engine> load(std::span<const std::uint8_t> buffer);

  Result<Classification> classify(const Request& request) const;
  Result<Classification> classify(const CookieWrite& cookie) const;
  Result<Decision> decide(const Request& request, const Policy& policy) const;
  Result<Decision> decide(const CookieWrite& cookie, const Policy& policy) const;

  const PublicSuffixList& public_suffixes() const;
  std::string_view site_of(std::string_view host) const { return public_suffixes().site_of(host); }
  EngineStats stats() const;

 private:
  struct Layout;  // section views, defined in src/engine.cpp
  explicit Engine(std::span<const std::uint8_t> buffer);
  std::span<const std::uint8_t> buffer_;
};

}  // namespace warden
