// Per-profile progress of a command that walks profiles (delete_site, sweep, site_data): the "progress"
// reports of protocol/message.h, sent through the context's sink. Nothing is built when no one
// listens, so POST /api pays nothing for it.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "browsers/browser_profile.h"
#include "deletion/site_deletion.h"
#include "deletion/site_deletion_everywhere.h"
#include "protocol/command.h"

namespace cookiewarden::protocol {

class ProfileProgress final : public DeletionProgress {
 public:
  ProfileProgress(const ProgressSink& sink, std::size_t total) : sink_(sink), total_(total) {}

  // Before a profile: {"state": "deleting"} (a dry run says "dry_run": true) or {"state": "reading"}.
  void deleting(const BrowserProfile& profile, bool dry_run) override;
  void reading(const BrowserProfile& profile);
  // After it: "skipped" with the reason, or "done" with what was deleted / found.
  void deleted(const DeletionResult& result) override;
  void read(const BrowserProfile& profile, nlohmann::json found);

 private:
  nlohmann::json report(const BrowserProfile& profile, std::string_view state) const;

  const ProgressSink& sink_;
  std::size_t total_;
  std::size_t done_ = 0;
};

}  // namespace cookiewarden::protocol
