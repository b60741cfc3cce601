#include <ostream>

#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "install/install_plan.h"
#include "install/installer.h"
#include "platform/executable_path.h"
#include "platform/path_text.h"

namespace cookiewarden::cli {
namespace {

using nlohmann::json;

warden::Result<install::InstallOptions> options_from(const Arguments& args) {
  install::InstallOptions options;
  options.browsers = args.values("--browser");
  if (auto dir = args.value("--user-data-dir")) {
    std::error_code ec;
    options.user_data_dir = std::filesystem::absolute(path_from_text(*dir), ec);
    if (ec) return {warden::Status::invalid_argument, "bad --user-data-dir: " + *dir};
  }
  options.chromium_ids = args.values("--extension-id");
  options.firefox_ids = args.values("--firefox-id");
  options.safari = args.has("--safari");
  options.binary = executable_path();
  if (options.binary.empty()) return {warden::Status::invalid_argument, "cannot find the path of this binary"};
  return options;
}

json plan_json(const install::InstallPlan& plan) {
  json manifests = json::array();
  for (const auto& m : plan.manifests)
    manifests.push_back({{"browser", m.browser_id}, {"path", path_text(m.path)}, {"manifest", m.manifest},
                         {"registry_key", m.registry_key.empty() ? json(nullptr) : json("HKEY_CURRENT_USER\\" + m.registry_key)}});
  json agent = plan.launch_agent ? json{{"path", path_text(plan.launch_agent->path)}} : json(nullptr);
  return {{"manifests", manifests}, {"launch_agent", agent}, {"skipped", plan.skipped}};
}

json paths(const std::vector<std::filesystem::path>& list) {
  json out = json::array();
  for (const auto& p : list) out.push_back(path_text(p));
  return out;
}

void print_human(const install::InstallPlan& plan, const install::InstallOutcome* outcome, std::ostream& out) {
  for (const auto& m : plan.manifests) {
    out << (outcome ? "wrote   " : "would write ") << path_text(m.path) << "  (" << m.browser_name << ")\n";
    if (!m.registry_key.empty()) out << "        registry HKEY_CURRENT_USER\\" << m.registry_key << " = " << path_text(m.path) << "\n";
  }
  if (plan.launch_agent) {
    out << (outcome ? "wrote   " : "would write ") << path_text(plan.launch_agent->path)
        << "  (launchd agent: `cookiewarden serve` at login, for Safari)\n";
    if (outcome) out << "        launchd starts it at your next login; to start it now: launchctl bootstrap gui/$(id -u) "
                     << path_text(plan.launch_agent->path) << "\n";
  }
  for (const auto& s : plan.skipped) out << "skipped " << s << "\n";
  if (outcome)
    for (const auto& n : outcome->not_done) out << "FAILED  " << n << "\n";
}

int run_install(std::span<const std::string_view> argv, Io io) {
  auto args = Arguments::parse(argv, {{"--json", "--dry-run", "--safari"}, {"--browser", "--user-data-dir", "--extension-id", "--firefox-id"}, 0});
  if (!args.ok()) {
    io.err << "cookiewarden install: " << args.detail() << "\n";
    return kExitUsage;
  }
  Environment env = Environment::current();
  auto options = options_from(*args);
  auto plan = options.ok() ? install::plan_install(env, *options) : warden::Result<install::InstallPlan>(options.status(), options.detail());
  if (!plan.ok()) {
    io.err << "cookiewarden install: " << plan.detail() << "\n";
    return kExitUsage;
  }
  std::optional<install::InstallOutcome> outcome;
  if (!args->has("--dry-run")) outcome = install::perform_install(env, *plan);
  if (args->has("--json")) {
    json report = plan_json(*plan);
    report["dry_run"] = !outcome;
    if (outcome) report["written"] = paths(outcome->written), report["not_done"] = outcome->not_done;
    io.out << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    print_human(*plan, outcome ? &*outcome : nullptr, io.out);
  }
  if (outcome && !outcome->ok()) return outcome->written.empty() ? kExitFailure : kExitPartial;
  if (plan->manifests.empty() && !plan->launch_agent) return kExitFailure;
  return plan->skipped.empty() ? kExitOk : kExitPartial;
}

}  // namespace

extern const CliCommand kInstallCommand{
    "install", "register this binary as the native messaging host of the browsers",
    "Usage: cookiewarden install [--browser B]... [--user-data-dir DIR] [--extension-id ID]...\n"
    "                            [--firefox-id ID]... [--safari] [--dry-run] [--json]\n\n"
    "Writes the native messaging host manifest (org.cookiewarden.host.json) naming this binary\n"
    "into each browser's user-level folder (on Windows: a manifest file plus a registry key under\n"
    "HKEY_CURRENT_USER), and records what it wrote so `uninstall` can remove exactly that.\n"
    "GNOME Web and Safari have no stdio native messaging: no manifest is written for them (their\n"
    "site data is still found and deleted by `sites` and `delete`). Safari's extension reaches\n"
    "`cookiewarden serve` instead, paired once from serve's dashboard; --safari keeps serve running.\n\n"
    "  --browser B          only this browser (repeatable): chrome, chrome-beta, chrome-dev,\n"
    "                       chrome-canary (macOS), chromium, edge, edge-beta, edge-dev, firefox.\n"
    "                       Default: every browser that has a profile folder for this user.\n"
    "  --user-data-dir DIR  a Chromium-family browser started with --user-data-dir=DIR: write\n"
    "                       DIR/NativeMessagingHosts/ (it ignores the user-level folder)\n"
    "  --extension-id ID    Chromium-family extension id allowed to connect (repeatable)\n"
    "  --firefox-id ID      Firefox add-on id allowed to connect (repeatable)\n"
    "  --safari             macOS: write the launchd agent ~/Library/LaunchAgents/\n"
    "                       org.cookiewarden.serve.plist, which runs `cookiewarden serve --no-open`\n"
    "                       at login (alone unless --browser is given too)\n"
    "  --dry-run            show what would be written; write nothing\n"
    "  --json               machine-readable output\n\n"
    "Exit codes: 0 done, 3 some browsers skipped or some writes failed, 1 nothing written, 2 usage.\n",
    run_install};

}  // namespace cookiewarden::cli
