// Per-profile progress of a command that walks profiles (delete_site, site_data): the "progress"
// reports of protocol/message.h, sent through the context's sink. Nothing is built when no one
// listens, so the CLI and POST /api pay nothing for it.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "browsers/browser_profile.h"
#include "deletion/site_deletion.h"
#include "protocol/command.h"

namespace cookiewarden {

class ProfileProgress {
 public:
  ProfileProgress(const protocol::ProgressSink& sink, std::size_t total) : sink_(sink), total_(total) {}

  // Before a profile: {"state": "deleting"} (a dry run says "dry_run": true) or {"state": "reading"}.
  void deleting(const BrowserProfile& profile, bool dry_run);
  void reading(const BrowserProfile& profile);
  // After it: "skipped" with the reason, or "done" with what was deleted / found.
  void deleted(const DeletionResult& result);
  void read(const BrowserProfile& profile, nlohmann::json found);

 private:
  nlohmann::json report(const BrowserProfile& profile, std::string_view state) const;

  const protocol::ProgressSink& sink_;
  std::size_t total_;
  std::size_t done_ = 0;
};

}  // namespace cookiewarden
