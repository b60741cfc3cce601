// The engine's answer: what to do, and why, so every decision can be explained.
#pragma once

#include <string_view>

#include "warden/category.h"

namespace warden {

enum class Action : std::uint8_t { allow = 0, block = 1 };

std::string_view action_name(Action a);

// What a resource or cookie is, independent of any policy.
struct Classification {
  Category category = Category::unknown;
  std::string_view vendor;  // vendor display name, empty when no vendor rule matched
  std::string_view rule;    // the rule that classified it ("||doubleclick.net^", "cookie _ga"), empty if none
  bool third_party = false; // request/cookie site differs from the top-level site
};

// A classification with the policy applied. Views point into the engine and stay valid as long
// as the engine that produced them.
struct Decision {
  Action action = Action::allow;
  Classification classification;
};

}  // namespace warden
