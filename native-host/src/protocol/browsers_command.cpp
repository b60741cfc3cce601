#include "browsers/browser_report.h"
#include "protocol/command.h"

namespace cookiewarden::protocol {
namespace {

CommandResult run_browsers(const nlohmann::json&, CommandContext& ctx) {
  return CommandResult::success(browser_report(ctx.env));
}

}  // namespace

extern const Command kBrowsersCommand{"browsers", run_browsers};

}  // namespace cookiewarden::protocol
