#include "deletion/site_deletion.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "browsers/running_detection.h"
#include "deletion/profile_edit_lock.h"
#include "stores/chromium_cookies.h"
#include "stores/chromium_indexeddb.h"
#include "stores/chromium_local_storage.h"
#include "stores/chromium_session_storage.h"
#include "stores/firefox_cookies.h"
#include "stores/firefox_session_restore.h"
#include "stores/firefox_site_storage.h"
#include "stores/safari_cookies.h"
#include "warden/url.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

// The error_code form: the throwing one would escape as an exception on EACCES or ELOOP, and a
// path we cannot even stat is reported by the store that opens it, not here.
bool present(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

void add_chromium_stores(const BrowserProfile& profile, std::vector<std::unique_ptr<SiteStore>>& stores) {
  // Linux and macOS keep <profile>/Cookies; Windows (and profiles migrated there) Network/Cookies.
  fs::path legacy = profile.path / "Cookies", network = profile.path / "Network" / "Cookies";
  if (present(legacy) || !present(network)) stores.push_back(std::make_unique<ChromiumCookieStore>(legacy));
  if (present(network)) stores.push_back(std::make_unique<ChromiumCookieStore>(network));
  stores.push_back(std::make_unique<ChromiumLocalStorageStore>(profile.path / "Local Storage" / "leveldb"));
  stores.push_back(std::make_unique<ChromiumSessionStorageStore>(profile.path / "Session Storage"));
  stores.push_back(std::make_unique<ChromiumIndexedDbStore>(profile.path));
}

std::string journal_description(const BrowserProfile& profile, const SiteMatcher& site) {
  return site.site() + " in " + profile.browser_name + " / " + profile.profile_name;
}

std::string close_first_message(const BrowserProfile& profile, const std::string& detail) {
  return profile.browser_name + " is running (" + detail + "). Close " + profile.browser_name +
         " and try again; nothing was changed in profile '" + profile.profile_name + "'.";
}

}  // namespace

std::vector<std::unique_ptr<SiteStore>> site_stores_for(const BrowserProfile& profile) {
  std::vector<std::unique_ptr<SiteStore>> stores;
  switch (profile.family) {
    case BrowserFamily::chromium: add_chromium_stores(profile, stores); break;
    case BrowserFamily::firefox:
      stores.push_back(std::make_unique<FirefoxCookieStore>(profile.path / "cookies.sqlite"));
      stores.push_back(std::make_unique<FirefoxSiteStorageStore>(profile.path));
      // Session restore would bring back what the stores above delete: one store per file.
      for (const auto& file : firefox_session_files(profile.path))
        stores.push_back(std::make_unique<FirefoxSessionRestoreStore>(file));
      break;
    case BrowserFamily::safari:
      stores.push_back(std::make_unique<SafariCookieStore>(SafariCookieStore::for_profile(profile)));
      break;
  }
  return stores;
}

std::size_t SiteDataReport::cookie_count() const {
  std::size_t total = 0;
  for (const auto& store : stores) total += store.count(ItemKind::cookie);
  return total;
}

bool DeletionResult::complete() const {
  if (skipped != SkipReason::none) return false;
  return std::all_of(stores.begin(), stores.end(), [](const StoreOutcome& s) {
    return s.handled() || s.skipped == SkipReason::not_present;
  });
}

std::size_t DeletionResult::deleted_count() const {
  std::size_t total = 0;
  for (const auto& store : stores) total += store.items.size();
  return total;
}

SiteDataReport inspect_site(const BrowserProfile& profile, const SiteMatcher& site) {
  return inspect_site(profile, site, site_stores_for(profile));
}

DeletionResult delete_site(const BrowserProfile& profile, const SiteMatcher& site, bool dry_run,
                           const UndoSettings& undo) {
  return delete_site(profile, site, dry_run, undo, site_stores_for(profile));
}

SiteDataReport inspect_site(const BrowserProfile& profile, const SiteMatcher& site,
                            const std::vector<std::unique_ptr<SiteStore>>& stores) {
  SiteDataReport report{profile, site.site(), false, {}, {}};
  RunningState running = detect_running(profile);
  report.browser_running = running.running;
  report.running_detail = running.detail;
  for (const auto& store : stores) report.stores.push_back(store->inspect(site));
  return report;
}

DeletionResult delete_site(const BrowserProfile& profile, const SiteMatcher& site, bool dry_run,
                           const UndoSettings& undo, const std::vector<std::unique_ptr<SiteStore>>& stores) {
  DeletionResult result{profile, site.site(), dry_run, SkipReason::none, {}, {}, {}};
  RunningState running = detect_running(profile);
  if (running.running) {
    result.skipped = SkipReason::running;
    result.message = close_first_message(profile, running.detail);
    return result;
  }
  ProfileEditLock lock(profile);
  if (!lock.held()) {
    result.skipped = SkipReason::running;
    result.message = close_first_message(profile, lock.detail());
    return result;
  }
  std::unique_ptr<DeletionJournal> journal;
  if (undo.enabled && !dry_run) {
    std::string error;
    journal = DeletionJournal::open(undo, journal_description(profile, site), profile, error);
    if (!journal) {
      result.skipped = SkipReason::io_error;
      result.message = error + ". Nothing was deleted in profile '" + profile.profile_name +
                       "' (--no-undo deletes without the undo journal).";
      return result;
    }
  }
  std::vector<std::string> not_undoable;
  for (const auto& store : stores) {
    if (journal) store->record_removals_in(&journal->for_store(std::string(store->id())));
    result.stores.push_back(store->remove(site, dry_run));
    store->record_removals_in(nullptr);
    if (journal && !store->undoable() && !result.stores.back().items.empty() &&
        std::find(not_undoable.begin(), not_undoable.end(), store->id()) == not_undoable.end())
      not_undoable.emplace_back(store->id());
  }
  if (journal) result.undo = journal->close(std::move(not_undoable));
  return result;
}

std::vector<SiteCookieCount> top_cookie_sites(const BrowserProfile& profile, const warden::PublicSuffixList& psl,
                                              std::size_t limit) {
  std::vector<SiteCookieCount> counts;
  for (const auto& store : site_stores_for(profile)) {
    for (std::string domain : store->cookie_domains()) {
      if (domain.starts_with('.')) domain.erase(0, 1);
      auto host = warden::normalize_host(domain);
      std::string site = host.ok() ? std::string(psl.site_of(*host)) : domain;
      if (site.empty()) site = domain;
      auto it = std::find_if(counts.begin(), counts.end(), [&](const SiteCookieCount& c) { return c.site == site; });
      if (it == counts.end()) counts.push_back({site, 1});
      else ++it->cookies;
    }
  }
  std::sort(counts.begin(), counts.end(), [](const SiteCookieCount& a, const SiteCookieCount& b) {
    return a.cookies != b.cookies ? a.cookies > b.cookies : a.site < b.site;
  });
  if (counts.size() > limit) counts.resize(limit);
  return counts;
}

void to_json(nlohmann::json& out, const SiteDataReport& report) {
  out = {{"profile", report.profile},
         {"site", report.site},
         {"browser_running", report.browser_running},
         {"running_detail", report.running_detail},
         {"cookies", report.cookie_count()},
         {"stores", report.stores}};
}

void to_json(nlohmann::json& out, const DeletionResult& result) {
  out = {{"profile", result.profile},
         {"site", result.site},
         {"dry_run", result.dry_run},
         {"skipped", result.skipped == SkipReason::none ? nlohmann::json(nullptr)
                                                        : nlohmann::json(skip_reason_name(result.skipped))},
         {"message", result.message},
         {"complete", result.complete()},
         {"deleted", result.deleted_count()},
         {"undo", result.undo ? nlohmann::json(*result.undo) : nlohmann::json(nullptr)},
         {"stores", result.stores}};
}

void to_json(nlohmann::json& out, const SiteCookieCount& count) {
  out = {{"site", count.site}, {"cookies", count.cookies}};
}

}  // namespace cookiewarden
