// Test support: the engine of the rules the extension ships (build_default_engine), built once
// per test binary and loaded afresh for each test that asks.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "warden/engine.h"
#include "warden/engine_builder.h"

namespace warden::test {

inline const std::vector<std::uint8_t>& default_buffer() {
  static const std::vector<std::uint8_t> buffer = [] {
    auto b = build_default_engine();
    REQUIRE_MESSAGE(b.ok(), b.detail());
    return std::move(b).value();
  }();
  return buffer;
}

inline Engine default_engine() {
  auto e = Engine::load(default_buffer());
  REQUIRE(e.ok());
  return *e;
}

}  // namespace warden::test
