// Profile directory names in the order people expect: "Profile 2" before "Profile 10".
#pragma once

#include <string_view>

namespace cookiewarden {

// Natural order: runs of digits compare by value, everything else byte by byte.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace cookiewarden
