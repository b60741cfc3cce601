// The engine's answer: what to do, and why, so every decision can be explained.
#pragma once

#include <cstdint>
#include <string_view>

#include "warden/category.h"

namespace warden {

enum class Action : std::uint8_t { allow = 0, block = 1 };

std::string_view action_name(Action a);

// Which rule classified something, as one small number: Engine::rule_text() gives its text. The
// buffer stores most rule texts only in parts (a `||host^` rule as its host), so deciding does not
// build texts that only the callers showing them need. Valid with the engine that produced it.
class RuleRef {
 public:
  enum class Kind : std::uint8_t { none = 0, first_party, host, pattern, cookie };
  static constexpr std::uint32_t kMaxIndex = (1u << 28) - 1;

  constexpr RuleRef() = default;
  constexpr RuleRef(Kind kind, std::uint32_t index)
      : value_(static_cast<std::uint32_t>(kind) << 28 | (index & kMaxIndex)) {}
  // A value() read back (the WASM API passes refs as one uint32).
  static constexpr RuleRef from_value(std::uint32_t value) {
    RuleRef r;
    r.value_ = value;
    return r;
  }

  constexpr Kind kind() const { return static_cast<Kind>(value_ >> 28); }
  constexpr std::uint32_t index() const { return value_ & kMaxIndex; }
  constexpr std::uint32_t value() const { return value_; }  // 0 for none
  constexpr bool empty() const { return value_ == 0; }
  friend constexpr bool operator==(RuleRef, RuleRef) = default;

 private:
  std::uint32_t value_ = 0;
};

// What a resource or cookie is, independent of any policy.
struct Classification {
  Category category = Category::unknown;
  std::string_view vendor;  // vendor display name, empty when no vendor rule matched
  RuleRef rule;             // the rule that classified it ("||doubleclick.net^", "cookie _ga"), empty if none
  bool third_party = false; // request/cookie site differs from the top-level site
};

// A classification with the policy applied. The vendor view points into the engine and, like the
// rule reference, stays valid as long as the engine that produced it.
struct Decision {
  Action action = Action::allow;
  Classification classification;
};

}  // namespace warden
