// Protocol command `delete_site` {"site": string, "targets"?: [string], "dry_run"?: bool}
//   → {"site", "dry_run", "complete", "profiles": [DeletionResult]} (site_deletion.h). A profile
//   whose browser runs is listed with skipped "running" and complete false; the request itself
//   succeeds, so the extension can show per-browser results. Reports progress before and after
//   each profile (profile_progress.h).
#include <nlohmann/json.hpp>

#include "deletion/profile_progress.h"
#include "deletion/site_deletion.h"
#include "deletion/site_request.h"
#include "protocol/command.h"

namespace cookiewarden::protocol {
namespace {

CommandResult run_delete_site(const nlohmann::json& args, CommandContext& ctx) {
  auto parsed = parse_site_request(args, ctx.env, ctx.psl, /*site_required=*/true);
  if (auto* error = std::get_if<Error>(&parsed)) return CommandResult::failure(error->code, error->message);
  const SiteRequest& request = std::get<SiteRequest>(parsed);
  nlohmann::json profiles = nlohmann::json::array();
  bool complete = true;
  ProfileProgress progress(ctx.progress, request.profiles.size());
  for (const auto& profile : request.profiles) {
    progress.deleting(profile, request.dry_run);
    DeletionResult result =
        delete_site(profile, *request.site, request.dry_run, UndoSettings::for_environment(ctx.env));
    progress.deleted(result);
    complete = complete && result.complete();
    profiles.push_back(result);
  }
  return CommandResult::success({{"site", request.site->site()},
                                 {"dry_run", request.dry_run},
                                 {"complete", complete},
                                 {"profiles", std::move(profiles)}});
}

}  // namespace

extern const Command kDeleteSiteCommand{"delete_site", run_delete_site};

}  // namespace cookiewarden::protocol
