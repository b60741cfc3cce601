// The consent policy a CLI command decides under, from its options: `--policy FILE` (the one
// policy shape, engine/policy.schema.json) or `--necessary-only`; neither means allow everything.
#pragma once

#include <optional>
#include <string>

#include "warden/policy.h"
#include "warden/status.h"

namespace cookiewarden::cli {

// invalid_argument when both are given; a file that cannot be read or parsed is an error naming it.
warden::Result<warden::Policy> load_policy(const std::optional<std::string>& policy_path, bool necessary_only);

}  // namespace cookiewarden::cli
