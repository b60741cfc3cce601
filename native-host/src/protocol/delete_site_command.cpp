// Protocol command `delete_site` {"site": string, "targets"?: [string], "dry_run"?: bool}
//   → {"site", "dry_run", "complete", "profiles": [DeletionResult]} (site_deletion_everywhere.h,
//   the same run as `cookiewarden delete`). A profile whose browser runs is listed with skipped
//   "running" and complete false; the request itself succeeds, so the extension can show
//   per-browser results. Reports progress before and after each profile (profile_progress.h).
#include <nlohmann/json.hpp>

#include "deletion/site_deletion_everywhere.h"
#include "protocol/command.h"
#include "protocol/profile_progress.h"
#include "protocol/site_request.h"

namespace cookiewarden::protocol {
namespace {

CommandResult run_delete_site(const nlohmann::json& args, CommandContext& ctx) {
  auto parsed = parse_site_request(args, ctx.env, ctx.psl, /*site_required=*/true);
  if (auto* error = std::get_if<Error>(&parsed)) return CommandResult::failure(error->code, error->message);
  const SiteRequest& request = std::get<SiteRequest>(parsed);
  ProfileProgress progress(ctx.progress, request.profiles.size());
  return CommandResult::success(delete_site_everywhere(request.profiles, *request.site, request.dry_run,
                                                       UndoSettings::for_environment(ctx.env), progress));
}

}  // namespace

extern const Command kDeleteSiteCommand{"delete_site", run_delete_site};

}  // namespace cookiewarden::protocol
