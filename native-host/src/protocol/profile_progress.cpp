#include "protocol/profile_progress.h"

#include <string>

namespace cookiewarden::protocol {
namespace {

// Names come from files on disk (Local State, profiles.ini) and can be any length; a progress
// message must stay far below the 1 MiB a browser accepts, so long ones are cut on a code point.
std::string short_name(const std::string& name) {
  if (name.size() <= kMaxProgressNameBytes) return name;
  std::size_t keep = kMaxProgressNameBytes - 3;
  while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
  return name.substr(0, keep) + "...";
}

}  // namespace

void ProfileProgress::deleting(const BrowserProfile& profile, bool dry_run) {
  if (!sink_) return;
  nlohmann::json r = report(profile, "deleting");
  if (dry_run) r["dry_run"] = true;
  sink_(r);
}

void ProfileProgress::reading(const BrowserProfile& profile) {
  if (sink_) sink_(report(profile, "reading"));
}

void ProfileProgress::deleted(const DeletionResult& result) {
  ++done_;
  if (!sink_) return;
  if (result.skipped != SkipReason::none) {
    nlohmann::json r = report(result.profile, "skipped");
    r["reason"] = skip_reason_name(result.skipped);
    return sink_(r);
  }
  nlohmann::json r = report(result.profile, "done");
  r["deleted"] = result.deleted_count();
  r["complete"] = result.complete();
  if (result.dry_run) r["dry_run"] = true;
  sink_(r);
}

void ProfileProgress::read(const BrowserProfile& profile, nlohmann::json found) {
  ++done_;
  if (!sink_) return;
  nlohmann::json r = report(profile, "done");
  r.update(found);
  sink_(r);
}

nlohmann::json ProfileProgress::report(const BrowserProfile& profile, std::string_view state) const {
  return {{"done", done_},
          {"total", total_},
          {"browser", short_name(profile.browser_name)},
          {"profile", short_name(profile.profile_name.empty() ? profile.profile_id : profile.profile_name)},
          {"target", short_name(profile.browser_id + "/" + profile.profile_id)},
          {"state", state}};
}

}  // namespace cookiewarden::protocol
