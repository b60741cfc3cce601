// `cookiewarden sweep`: remove every stored cookie a consent policy refuses from every closed
// browser profile (deletion/cookie_sweep.h), and say per profile what was kept and removed.
#include <iomanip>
#include <ostream>

#include <nlohmann/json.hpp>

#include "browsers/discovery.h"
#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "cli/policy_option.h"
#include "cli/profile_options.h"
#include "cli/site_data_text.h"
#include "deletion/cookie_sweep.h"
#include "platform/environment.h"
#include "platform/stop_request.h"
#include "rules/engine_loading.h"

namespace cookiewarden::cli {
namespace {

void print_tally(const SweepTally& tally, bool dry_run, std::ostream& out) {
  for (warden::Category c : warden::kAllCategories) {
    const auto& counts = tally.categories[static_cast<std::size_t>(c)];
    if (counts.kept == 0 && counts.removed == 0) continue;
    out << "  " << std::left << std::setw(11) << warden::category_name(c) << " kept " << std::setw(6) << counts.kept
        << (dry_run ? " would remove " : " removed ") << counts.removed << "\n";
  }
  if (tally.unreadable) out << "  unreadable  kept " << tally.unreadable << " (the engine could not read them)\n";
  auto vendors = tally.top_vendors(5);
  if (vendors.empty()) return;
  out << "  top vendors:";
  for (std::size_t i = 0; i < vendors.size(); ++i)
    out << (i ? ", " : " ") << vendors[i].first << " " << vendors[i].second;
  out << "\n";
}

void print_sweep(const ProfileSweep& sweep, std::ostream& out) {
  const DeletionResult& result = sweep.deletion;
  out << profile_heading(result.profile) << ": ";
  if (result.skipped != SkipReason::none) {
    out << "SKIPPED - " << result.message << "\n\n";
    return;
  }
  out << (result.dry_run ? "would remove " : "removed ") << sweep.tally.removed() << " cookie"
      << (sweep.tally.removed() == 1 ? "" : "s") << ", kept " << sweep.tally.kept()
      << (result.complete() ? "" : " (some stores were skipped)") << "\n";
  print_tally(sweep.tally, result.dry_run, out);
  print_store_lines(result.stores, out);
  if (!result.message.empty()) out << "  note: " << result.message << "\n";
  if (result.undo) out << "  undo: 'cookiewarden undo " << result.undo->id << "' until " << result.undo->until << "\n";
  out << "\n";
}

// Prints each profile as soon as it is swept; --json passes no stream and prints the whole run.
class SweepPrinter final : public DeletionProgress {
 public:
  explicit SweepPrinter(std::ostream* out) : out_(out) {}
  void deleting(const BrowserProfile&, bool) override {}
  void deleted(const DeletionResult&) override {}
  void print(const ProfileSweep& sweep) {
    if (out_) print_sweep(sweep, *out_);
  }

 private:
  std::ostream* out_;
};

int run_sweep(std::span<const std::string_view> args, Io io) {
  auto parsed = Arguments::parse(
      args, {{"--json", "--dry-run", "--necessary-only"}, {"--policy", "--engine", "--browser", "--profile"}, 0});
  if (!parsed.ok()) {
    io.err << "cookiewarden sweep: " << parsed.detail() << "\n";
    return kExitUsage;
  }
  if (!parsed->value("--policy") && !parsed->has("--necessary-only")) {
    io.err << "cookiewarden sweep: which choices? Give --policy FILE or --necessary-only\n";
    return kExitUsage;
  }
  auto policy = load_policy(parsed->value("--policy"), parsed->has("--necessary-only"));
  if (!policy.ok()) {
    io.err << "cookiewarden sweep: " << policy.detail() << "\n";
    return kExitUsage;
  }
  auto engine = load_engine(parsed->value("--engine"));
  if (!engine.ok()) {
    io.err << "cookiewarden sweep: " << engine.detail() << "\n";
    return kExitFailure;
  }
  auto profiles = chosen_profiles(select_profiles(discover_profiles(Environment::current()), profile_selection(*parsed)),
                                  "sweep", NoProfiles::refused, io.err);
  if (!profiles) return kExitFailure;
  install_stop_handlers();
  bool json = parsed->has("--json");
  SweepPrinter printer(json ? nullptr : &io.out);
  UndoSettings undo = UndoSettings::for_environment(Environment::current());
  CookieSweep sweep = sweep_everywhere(*profiles, *(*engine)->engine, *policy, parsed->has("--dry-run"),
                                       undo, printer);
  if (json) {
    nlohmann::json out = sweep;
    out["engine"] = (*engine)->source;
    io.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    io.out << "Engine: " << (*engine)->source << "\n\n";
    for (const auto& profile : sweep.profiles) printer.print(profile);
    if (!sweep.complete()) io.out << "Not every profile was swept: see the skipped profiles and stores above.\n";
  }
  return sweep.complete() ? kExitOk : kExitPartial;
}

}  // namespace

extern const CliCommand kSweepCommand{
    "sweep", "remove the stored cookies your choices refuse from every browser profile (browsers must be closed)",
    "Usage: cookiewarden sweep (--policy FILE | --necessary-only) [--dry-run] [--json]\n"
    "                          [--browser B]... [--profile P]... [--engine FILE]\n\n"
    "Reads every cookie of every profile (Chromium, Chrome and Edge cookie databases, Firefox's\n"
    "cookies.sqlite and the session cookies of its session restore files, Safari's\n"
    "Cookies.binarycookies), decides each with the engine under the policy and removes the refused\n"
    "ones. A partitioned cookie is judged by its partition's top-level site, any other cookie by\n"
    "its own site, that site's overrides included; cookies of a site on the policy's keep-list stay,\n"
    "and necessary cookies are never removed. Each cookie store is edited all or nothing; a profile\n"
    "whose browser is running is skipped untouched (close it and run again). Profiles are swept\n"
    "side by side, one per core (at most 4). Prints per profile, in order, the cookies kept and\n"
    "removed per category and the vendors of the removed ones.\n\n"
    "Everything removed is first saved in this user's undo journal (readable by this user only) and\n"
    "can be put back with 'cookiewarden undo' for 7 days; each profile's result gives its undo ID.\n"
    "Firefox's session restore files are rewritten whole and cannot be put back: the result names\n"
    "them as not undoable.\n\n"
    "  --policy FILE     the consent policy: the JSON the extension exports (defaults, sites,\n"
    "                    unknown_third_party, keep; engine/policy.schema.json)\n"
    "  --necessary-only  refuse functional, analytics, social and marketing\n"
    "  --dry-run         say what would be removed; change nothing\n"
    "  --json            machine-readable output (the protocol's sweep result)\n"
    "  --browser B       only profiles of browser B (an id from 'cookiewarden browsers', or chromium/firefox/safari)\n"
    "  --profile P       only profiles with this id, name or path\n"
    "  --engine FILE     a compiled engine from 'cookiewarden compile' (default: engine.bin beside\n"
    "                    cookiewarden, the extension's rules with EasyList and EasyPrivacy; the\n"
    "                    built-in vendor rules when it is not there, which the output says)\n\n"
    "Exit codes: 0 all swept, 3 partial (a profile or store was skipped), 1 failure (no such\n"
    "browser/profile, none found, the engine cannot be loaded), 2 usage (no policy, a bad policy).\n",
    run_sweep};

}  // namespace cookiewarden::cli
