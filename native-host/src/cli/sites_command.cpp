#include <ostream>

#include <nlohmann/json.hpp>

#include "browsers/running_detection.h"
#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "cli/profile_options.h"
#include "cli/site_data_text.h"
#include "deletion/site_deletion.h"

namespace cookiewarden::cli {
namespace {

constexpr std::size_t kTopSites = 20;

void print_site_reports(const std::vector<SiteDataReport>& reports, const std::string& site, std::ostream& out) {
  std::size_t cookies = 0;
  for (const auto& report : reports) {
    out << profile_heading(report.profile) << (report.browser_running ? "  (running: may not be flushed to disk yet)" : "")
        << "\n";
    print_store_lines(report.stores, out);
    out << "\n";
    cookies += report.cookie_count();
  }
  out << site << ": " << cookies << " cookie" << (cookies == 1 ? "" : "s") << " in " << reports.size() << " profile"
      << (reports.size() == 1 ? "" : "s") << ".\n";
}

void print_top_sites(const BrowserProfile& profile, bool running, const std::vector<SiteCookieCount>& sites,
                     std::ostream& out) {
  out << profile_heading(profile) << (running ? "  (running: its cookie file may be locked or not flushed yet)" : "")
      << "\n";
  if (sites.empty()) out << "  no cookies read\n";
  std::size_t width = 0;
  for (const auto& s : sites) width = std::max(width, s.site.size());
  for (const auto& s : sites)
    out << "  " << s.site << std::string(width + 2 - s.site.size(), ' ') << s.cookies << " cookie"
        << (s.cookies == 1 ? "" : "s") << "\n";
  out << "\n";
}

int run_sites(std::span<const std::string_view> args, Io io) {
  auto parsed = Arguments::parse(args, {{"--json"}, {"--browser", "--profile"}, 1});
  if (!parsed.ok()) {
    io.err << "cookiewarden sites: " << parsed.detail() << "\n";
    return kExitUsage;
  }
  const auto& psl = warden::PublicSuffixList::builtin();
  std::optional<SiteMatcher> site;
  if (!parsed->positionals().empty()) {
    auto matcher = SiteMatcher::from_input(parsed->positionals().front(), psl);
    if (!matcher.ok()) {
      io.err << "cookiewarden sites: " << matcher.detail() << "\n";
      return kExitUsage;
    }
    site = std::move(matcher).value();
  }
  auto profiles = chosen_profiles(select_profiles(Environment::current(), profile_selection(*parsed)), "sites",
                                  NoProfiles::allowed, io.err);
  if (!profiles) return kExitFailure;
  bool json = parsed->has("--json");
  nlohmann::json result = {{"profiles", nlohmann::json::array()}};
  if (site) {
    std::vector<SiteDataReport> reports;
    for (const auto& profile : *profiles) reports.push_back(inspect_site(profile, *site));
    result["site"] = site->site();
    for (const auto& report : reports) result["profiles"].push_back(report);
    if (!json) print_site_reports(reports, site->site(), io.out);
  } else {
    for (const auto& profile : *profiles) {
      auto sites = top_cookie_sites(profile, psl, kTopSites);
      bool running = detect_running(profile).running;
      result["profiles"].push_back({{"profile", profile}, {"running", running}, {"sites", sites}});
      if (!json) print_top_sites(profile, running, sites, io.out);
    }
  }
  if (json) io.out << result.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else if (profiles->empty()) io.out << "No browser profiles found for this user.\n";
  return kExitOk;
}

}  // namespace

extern const CliCommand kSitesCommand{
    "sites", "show what a site stores in each browser profile, or the sites with the most cookies",
    "Usage: cookiewarden sites [SITE] [--browser B]... [--profile P]... [--json]\n\n"
    "With SITE (a host, a URL or a Unicode domain; it is reduced to its registrable domain):\n"
    "lists, per browser profile, the site's cookies, local storage keys, IndexedDB and storage\n"
    "folders with their sizes. Without SITE: the 20 sites with the most cookies in each profile.\n"
    "Nothing is changed; this works while browsers run (data they have not flushed is missed).\n\n"
    "  --browser B   only profiles of browser B (an id from 'cookiewarden browsers', or chromium/firefox/safari/webkit)\n"
    "                (outside macOS, safari also reads Safari's macOS layout under the home: ~/Library)\n"
    "  --profile P   only profiles with this id, name or path\n"
    "  --json        machine-readable output (the protocol's site_data result)\n\n"
    "Exit codes: 0 ok, 1 no such browser/profile, 2 usage.\n",
    run_sites};

}  // namespace cookiewarden::cli
