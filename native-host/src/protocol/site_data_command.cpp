// Protocol command `site_data` {"site"?: string, "targets"?: [string]} (targets: site_request.h)
//   with site: {"site", "profiles": [SiteDataReport]} (site_deletion.h); read-only
//   without:   {"profiles": [{"profile", "running", "sites": [{"site", "cookies"}]}]}: the 20
//              sites with the most cookies in each profile
//   Reports progress before and after each profile (profile_progress.h).
#include <nlohmann/json.hpp>

#include "browsers/running_detection.h"
#include "deletion/site_deletion.h"
#include "protocol/command.h"
#include "protocol/profile_progress.h"
#include "protocol/site_request.h"

namespace cookiewarden::protocol {
namespace {

constexpr std::size_t kTopSites = 20;

CommandResult run_site_data(const nlohmann::json& args, CommandContext& ctx) {
  auto parsed = parse_site_request(args, ctx.env, ctx.psl, /*site_required=*/false);
  if (auto* error = std::get_if<Error>(&parsed)) return CommandResult::failure(error->code, error->message);
  const SiteRequest& request = std::get<SiteRequest>(parsed);
  nlohmann::json profiles = nlohmann::json::array();
  ProfileProgress progress(ctx.progress, request.profiles.size());
  for (const auto& profile : request.profiles) {
    progress.reading(profile);
    if (request.site) {
      SiteDataReport report = inspect_site(profile, *request.site);
      progress.read(profile, {{"cookies", report.cookie_count()}});
      profiles.push_back(report);
      continue;
    }
    RunningState running = detect_running(profile);
    profiles.push_back(
        {{"profile", profile}, {"running", running.running}, {"sites", top_cookie_sites(profile, ctx.psl, kTopSites)}});
    progress.read(profile, nlohmann::json::object());
  }
  nlohmann::json result = {{"profiles", std::move(profiles)}};
  if (request.site) result["site"] = request.site->site();
  return CommandResult::success(std::move(result));
}

}  // namespace

extern const Command kSiteDataCommand{"site_data", run_site_data};

}  // namespace cookiewarden::protocol
