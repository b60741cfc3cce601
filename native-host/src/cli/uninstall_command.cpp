#include <ostream>

#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "install/installer.h"
#include "platform/path_text.h"

namespace cookiewarden::cli {
namespace {

using nlohmann::json;

int run_uninstall(std::span<const std::string_view> argv, Io io) {
  auto args = Arguments::parse(argv, {{"--json"}, {}, 0});
  if (!args.ok()) {
    io.err << "cookiewarden uninstall: " << args.detail() << "\n";
    return kExitUsage;
  }
  install::UninstallOutcome outcome = install::perform_uninstall(Environment::current());
  if (args->has("--json")) {
    json removed = json::array();
    for (const auto& p : outcome.removed) removed.push_back(path_text(p));
    json report{{"removed", removed}, {"registry_removed", outcome.registry_removed},
                {"left_alone", outcome.left_alone}, {"not_done", outcome.not_done}};
    io.out << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& p : outcome.removed) io.out << "removed " << path_text(p) << "\n";
    for (const auto& k : outcome.registry_removed) io.out << "removed HKEY_CURRENT_USER\\" << k << "\n";
    for (const auto& s : outcome.left_alone) io.out << "left    " << s << "\n";
    for (const auto& s : outcome.not_done) io.out << "FAILED  " << s << "\n";
    if (outcome.removed.empty() && outcome.registry_removed.empty() && outcome.ok())
      io.out << "Nothing to remove: no recorded install.\n";
  }
  return outcome.ok() ? kExitOk : kExitFailure;
}

}  // namespace

extern const CliCommand kUninstallCommand{
    "uninstall", "remove what `install` wrote",
    "Usage: cookiewarden uninstall [--json]\n\n"
    "Removes exactly the host manifests, registry keys, launchd agent and folders that `install`\n"
    "recorded. A manifest changed since (no longer naming org.cookiewarden.host), or an agent no\n"
    "longer labelled org.cookiewarden.serve, is left alone. launchd keeps a loaded agent's serve\n"
    "running until logout: stop it now with launchctl bootout gui/$(id -u)/org.cookiewarden.serve\n",
    run_uninstall};

}  // namespace cookiewarden::cli
