// Test support: the Environment (platform/environment.h) of a user of one OS with the given home
// and no variables set, so that discovery and the installer look where that OS puts things.
#pragma once

#include <filesystem>

#include "platform/environment.h"

namespace cookiewarden::test {

inline Environment environment_of(Os os, const std::filesystem::path& home) {
  Environment env;
  env.os = os;
  env.home = home;
  return env;
}

}  // namespace cookiewarden::test
