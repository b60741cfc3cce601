#include <charconv>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "cli/profile_options.h"
#include "cli/site_data_text.h"
#include "deletion/site_deletion_everywhere.h"
#include "platform/stop_request.h"

namespace cookiewarden::cli {
namespace {

void print_result(const DeletionResult& result, std::ostream& out) {
  out << profile_heading(result.profile) << ": ";
  if (result.skipped != SkipReason::none) {
    out << "SKIPPED - " << result.message << "\n\n";
    return;
  }
  std::size_t items = result.deleted_count();
  out << (result.dry_run ? "would delete " : "deleted ") << items << " item" << (items == 1 ? "" : "s")
      << (result.complete() ? "" : " (some stores were skipped)") << "\n";
  print_store_lines(result.stores, out);
  if (result.undo) {
    out << "  undo: 'cookiewarden undo " << result.undo->id << "' until " << result.undo->until << "\n";
    for (const auto& store : result.undo->not_undoable) out << "  not undoable: " << store << "\n";
  }
  out << "\n";
}

// A whole number from 1 to `max`, or nothing.
std::optional<std::uint64_t> positive_number(const std::string& text, std::uint64_t max) {
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value == 0 || value > max) return std::nullopt;
  return value;
}

// --no-undo, --undo-days N, --undo-max-mb N over the defaults for this user.
std::optional<UndoSettings> undo_settings(const Arguments& args, std::ostream& err) {
  UndoSettings settings = UndoSettings::for_environment(Environment::current());
  settings.enabled = !args.has("--no-undo");
  if (auto days = args.value("--undo-days")) {
    auto value = positive_number(*days, 3650);
    if (!value) {
      err << "cookiewarden delete: --undo-days takes a number of days from 1 to 3650\n";
      return std::nullopt;
    }
    settings.keep_days = static_cast<int>(*value);
  }
  if (auto megabytes = args.value("--undo-max-mb")) {
    auto value = positive_number(*megabytes, std::uint64_t{1} << 30);
    if (!value) {
      err << "cookiewarden delete: --undo-max-mb takes a positive number of megabytes\n";
      return std::nullopt;
    }
    settings.max_bytes = *value << 20;
  }
  return settings;
}

// Prints each profile's outcome as soon as it is known, so a run over many profiles shows where
// it is; --json passes no stream and gets the whole run at the end.
class ResultPrinter final : public DeletionProgress {
 public:
  explicit ResultPrinter(std::ostream* out) : out_(out) {}
  void deleting(const BrowserProfile&, bool) override {}
  void deleted(const DeletionResult& result) override {
    if (out_) print_result(result, *out_);
  }

 private:
  std::ostream* out_;
};

int run_delete(std::span<const std::string_view> args, Io io) {
  auto parsed = Arguments::parse(
      args, {{"--json", "--dry-run", "--no-undo"}, {"--browser", "--profile", "--undo-days", "--undo-max-mb"}, 1});
  if (!parsed.ok()) {
    io.err << "cookiewarden delete: " << parsed.detail() << "\n";
    return kExitUsage;
  }
  if (parsed->positionals().empty()) {
    io.err << "cookiewarden delete: which site? Usage: cookiewarden delete SITE [--dry-run]\n";
    return kExitUsage;
  }
  auto site = SiteMatcher::from_input(parsed->positionals().front(), warden::PublicSuffixList::builtin());
  if (!site.ok()) {
    io.err << "cookiewarden delete: " << site.detail() << "\n";
    return kExitUsage;
  }
  std::optional<UndoSettings> undo = undo_settings(*parsed, io.err);
  if (!undo) return kExitUsage;
  auto profiles = chosen_profiles(select_profiles(Environment::current(), profile_selection(*parsed)), "delete",
                                  NoProfiles::refused, io.err);
  if (!profiles) return kExitFailure;
  install_stop_handlers();  // Ctrl-C finishes the store in hand, then the rest is reported as interrupted
  bool json = parsed->has("--json");
  ResultPrinter printer(json ? nullptr : &io.out);
  SiteDeletionEverywhere deletion =
      delete_site_everywhere(*profiles, *site, parsed->has("--dry-run"), *undo, printer);
  bool complete = deletion.complete();
  if (json) {
    io.out << nlohmann::json(deletion).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (!complete) {
    io.out << "Not everything was deleted: see the skipped profiles and stores above.\n";
  }
  return complete ? kExitOk : kExitPartial;
}

}  // namespace

extern const CliCommand kDeleteCommand{
    "delete", "delete a site's cookies and storage from every browser profile (browsers must be closed)",
    "Usage: cookiewarden delete SITE [--browser B]... [--profile P]... [--dry-run] [--json]\n"
    "                           [--no-undo] [--undo-days N] [--undo-max-mb N]\n\n"
    "Deletes everything SITE (reduced to its registrable domain: www.example.co.uk -> example.co.uk)\n"
    "stores in each profile: cookies of the site and its subdomains, cookies and storage other sites\n"
    "set while SITE was the top-level page (partitioned), local storage, IndexedDB and the other\n"
    "per-origin storage folders, and the session cookies and sessionStorage that session restore\n"
    "would bring back (Firefox's session files, Chromium's Session Storage). A profile whose browser\n"
    "is running is skipped untouched: close the browser and run again. While a profile is edited the\n"
    "browser's own lock is held, so a browser started meanwhile does not open it. Each store is changed\n"
    "all or nothing; Ctrl-C lets the store in hand finish and skips the rest (reported 'interrupted').\n\n"
    "Everything deleted is first saved in this user's undo journal (readable by this user only)\n"
    "and can be put back with 'cookiewarden undo' for 7 days; each profile's result gives its undo ID.\n\n"
    "SITE must be a site: a domain, localhost or an IP address, or an http(s)/ws(s) URL of one. A\n"
    "public suffix (com, co.uk), any other single label, an extension id and other schemes\n"
    "(chrome-extension:, moz-extension:, file:, about:) are refused. A name that only the Public\n"
    "Suffix List's private section lists (carrd.co, github.io) is a site of its own and covers\n"
    "only itself, never its users' subdomains (alice.carrd.co).\n\n"
    "  --browser B   only profiles of browser B (an id from 'cookiewarden browsers', or chromium/firefox/safari/webkit)\n"
    "                (outside macOS, safari also reads Safari's macOS layout under the home: ~/Library)\n"
    "  --profile P   only profiles with this id, name or path\n"
    "  --dry-run     list exactly what would be deleted; change nothing\n"
    "  --json        machine-readable output (the protocol's delete_site result)\n"
    "  --no-undo     delete without saving anything in the undo journal (cannot be undone)\n"
    "  --undo-days N keep this deletion's undo journal N days (default 7)\n"
    "  --undo-max-mb N  prune the oldest journals until all fit N MiB (default 512)\n\n"
    "Exit codes: 0 all deleted, 3 partial (a profile or store was skipped), 1 failure\n"
    "(no such browser/profile, none found), 2 usage (SITE is not a site, among others).\n",
    run_delete};

}  // namespace cookiewarden::cli
