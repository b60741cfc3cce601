// Protocol command `sweep` {"policy": object, "targets"?: [string], "dry_run"?: bool}
//   → {"dry_run", "complete", "engine", "profiles": [ProfileSweep]} (cookie_sweep.h, the same run
//   as `cookiewarden sweep`). "policy" is the one policy shape (engine/policy.schema.json: defaults,
//   sites, unknown_third_party, keep), as the extension stores it; "targets" chooses browsers and
//   profiles as for delete_site. A profile whose browser runs is listed with skipped "running";
//   the request itself succeeds. Reports progress before and after each profile, like delete_site.
#include <nlohmann/json.hpp>

#include "deletion/cookie_sweep.h"
#include "protocol/command.h"
#include "protocol/profile_progress.h"
#include "protocol/site_request.h"
#include "rules/engine_loading.h"

namespace cookiewarden::protocol {
namespace {

CommandResult run_sweep(const nlohmann::json& args, CommandContext& ctx) {
  if (args.contains("site")) return CommandResult::failure(ErrorCode::invalid_argument, "sweep takes no site");
  auto policy_arg = args.find("policy");
  if (policy_arg == args.end() || !policy_arg->is_object())
    return CommandResult::failure(ErrorCode::invalid_argument, "policy must be an object (engine/policy.schema.json)");
  auto policy = warden::parse_policy(policy_arg->dump());
  if (!policy.ok()) return CommandResult::failure(ErrorCode::invalid_argument, "policy: " + policy.detail());
  auto parsed = parse_site_request(args, ctx.env, ctx.psl, /*site_required=*/false);
  if (auto* error = std::get_if<Error>(&parsed)) return CommandResult::failure(error->code, error->message);
  const SiteRequest& request = std::get<SiteRequest>(parsed);
  // The engine the CLI uses by default: engine.bin beside the binary, the extension's own rules.
  auto engine = load_engine(std::nullopt);
  if (!engine.ok()) return CommandResult::failure(ErrorCode::io_error, engine.detail());
  ProfileProgress progress(ctx.progress, request.profiles.size());
  nlohmann::json result = sweep_everywhere(request.profiles, *(*engine)->engine, *policy, request.dry_run,
                                           UndoSettings::for_environment(ctx.env), progress);
  result["engine"] = (*engine)->source;
  return CommandResult::success(std::move(result));
}

}  // namespace

extern const Command kSweepCommand{"sweep", run_sweep};

}  // namespace cookiewarden::protocol
