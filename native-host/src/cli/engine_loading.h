// How CLI commands get an engine and a policy from their options: `--engine FILE` (a buffer
// written by `cookiewarden compile`) or the default rules built in, `--policy FILE` or
// `--necessary-only`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "warden/engine.h"
#include "warden/policy.h"
#include "warden/status.h"

namespace cookiewarden::cli {

// The bytes and the engine viewing them travel together, so the view cannot outlive its buffer.
struct LoadedEngine {
  std::vector<std::uint8_t> bytes;
  std::optional<warden::Engine> engine;
};

warden::Result<std::unique_ptr<LoadedEngine>> load_engine(const std::optional<std::string>& engine_path);

warden::Result<warden::Policy> load_policy(const std::optional<std::string>& policy_path, bool necessary_only);

}  // namespace cookiewarden::cli
