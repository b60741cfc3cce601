#include "cli/policy_option.h"

#include "platform/file_contents.h"

namespace cookiewarden::cli {

warden::Result<warden::Policy> load_policy(const std::optional<std::string>& policy_path, bool necessary_only) {
  if (policy_path && necessary_only)
    return {warden::Status::invalid_argument, "--policy and --necessary-only cannot be combined"};
  if (necessary_only) return warden::Policy::necessary_only();
  if (!policy_path) return warden::Policy::allow_all();
  auto text = read_text_file(*policy_path);
  if (!text.ok()) return {text.status(), text.detail()};
  auto policy = warden::parse_policy(*text);
  if (!policy.ok()) return {policy.status(), *policy_path + ": " + policy.detail()};
  return policy;
}

}  // namespace cookiewarden::cli
