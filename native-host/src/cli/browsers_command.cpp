#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "browsers/browser_report.h"
#include "cli/arguments.h"
#include "cli/cli_command.h"

namespace cookiewarden::cli {
namespace {

std::string running_cell(const nlohmann::json& profile) {
  const auto& running = profile["running"];
  return running["running"].get<bool>() ? "yes" : "no";
}

// "cookies local_storage -indexeddb": a leading '-' marks a missing store, '!' an unreadable one.
std::string stores_cell(const nlohmann::json& profile) {
  std::string cell;
  for (const auto& store : profile["stores"]) {
    if (!cell.empty()) cell += ' ';
    if (!store["present"].get<bool>()) cell += '-';
    else if (!store["readable"].get<bool>()) cell += '!';
    cell += store["store"].get<std::string>();
  }
  return cell;
}

void print_table(const nlohmann::json& report, std::ostream& out) {
  const auto& profiles = report["profiles"];
  if (profiles.empty()) {
    out << "No browser profiles found for this user.\n";
    return;
  }
  std::vector<std::vector<std::string>> rows{{"BROWSER", "PROFILE", "RUNNING", "STORES", "PATH"}};
  for (const auto& p : profiles) {
    std::string name = p["profile_name"].get<std::string>();
    if (name != p["profile_id"].get<std::string>()) name += " (" + p["profile_id"].get<std::string>() + ")";
    if (p["is_default"].get<bool>()) name += " *";
    rows.push_back({p["browser_id"].get<std::string>(), name, running_cell(p), stores_cell(p),
                    p["path"].get<std::string>()});
  }
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i)
      out << row[i] << (i + 1 < row.size() ? std::string(width[i] - row[i].size() + 2, ' ') : "\n");
  }
  out << "\n* default profile. Stores: -name = not present, !name = present but not readable.\n";
  for (const auto& p : profiles)
    if (p["running"]["running"].get<bool>())
      out << p["browser_name"].get<std::string>() << " / " << p["profile_id"].get<std::string>() << ": "
          << p["running"]["detail"].get<std::string>() << "\n";
}

int run_browsers(std::span<const std::string_view> args, Io io) {
  auto parsed = Arguments::parse(args, {{"--json"}, {}, 0});
  if (!parsed.ok()) {
    io.err << "cookiewarden browsers: " << parsed.detail() << "\n";
    return kExitUsage;
  }
  nlohmann::json report = browser_report(Environment::current());
  if (parsed->has("--json"))
    io.out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else
    print_table(report, io.out);
  return kExitOk;
}

}  // namespace

extern const CliCommand kBrowsersCommand{
    "browsers", "list the browsers and profiles found, whether they run, which stores they have",
    "Usage: cookiewarden browsers [--json]\n\n"
    "Lists every Chrome, Chromium, Edge, Firefox and Safari profile of this user: where it is,\n"
    "whether its browser is running (site data of a running browser is never changed), and\n"
    "which site-data stores it has (cookies, local storage, IndexedDB, Firefox storage/).\n\n"
    "  --json   machine-readable output\n",
    run_browsers};

}  // namespace cookiewarden::cli
