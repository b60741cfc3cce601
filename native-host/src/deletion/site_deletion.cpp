#include "deletion/site_deletion.h"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "browsers/gnome_web_profiles.h"
#include "browsers/running_detection.h"
#include "deletion/profile_edit_lock.h"
#include "platform/commit_gate.h"
#include "platform/path_presence.h"
#include "platform/path_text.h"
#include "platform/private_scratch.h"
#include "platform/stop_request.h"
#include "stores/chromium_cookies.h"
#include "stores/chromium_indexeddb.h"
#include "stores/chromium_local_storage.h"
#include "stores/chromium_session_storage.h"
#include "stores/firefox_cookies.h"
#include "stores/firefox_session_restore.h"
#include "stores/firefox_site_storage.h"
#include "stores/folder_removal.h"
#include "stores/libsoup_cookies.h"
#include "stores/safari_cookies.h"
#include "stores/webkit_cache_storage.h"
#include "stores/webkit_indexeddb.h"
#include "stores/webkit_local_storage.h"
#include "stores/webkit_origin_storage.h"
#include "stores/webkit_service_workers.h"
#include "warden/url.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

void add_chromium_stores(const BrowserProfile& profile, std::vector<std::unique_ptr<SiteStore>>& stores) {
  // Linux and macOS keep <profile>/Cookies; Windows (and profiles migrated there) Network/Cookies.
  fs::path legacy = profile.path / "Cookies", network = profile.path / "Network" / "Cookies";
  if (path_present(legacy) || !path_present(network)) stores.push_back(std::make_unique<ChromiumCookieStore>(legacy));
  if (path_present(network)) stores.push_back(std::make_unique<ChromiumCookieStore>(network));
  stores.push_back(std::make_unique<ChromiumLocalStorageStore>(profile.path / "Local Storage" / "leveldb"));
  stores.push_back(std::make_unique<ChromiumSessionStorageStore>(profile.path / "Session Storage"));
  stores.push_back(std::make_unique<ChromiumIndexedDbStore>(profile.path));
}

// GNOME Web: libsoup's cookie file, WebKit's folders in its data folder and CacheStorage in its
// cache folder (gnome_web_profiles.h).
void add_gnome_web_stores(const BrowserProfile& profile, std::vector<std::unique_ptr<SiteStore>>& stores) {
  const fs::path& p = profile.path;
  stores.push_back(std::make_unique<LibsoupCookieStore>(p / "cookies.sqlite"));
  stores.push_back(std::make_unique<WebKitLocalStorageStore>(p, p / "localstorage"));
  stores.push_back(std::make_unique<WebKitIndexedDbStore>(p, p / "databases" / "indexeddb"));
  stores.push_back(std::make_unique<WebKitOriginStorageStore>(p, p / "storage"));
  stores.push_back(std::make_unique<WebKitServiceWorkerStore>(p / "serviceworkers"));
  if (fs::path cache = gnome_web_cache_dir(p); !cache.empty())
    stores.push_back(std::make_unique<WebKitCacheStorageStore>(cache, cache / "CacheStorage"));
}

// Safari's WebKit general storage: the default profile's WebsiteData/Default, a named profile's
// Origins/ (browser-storage.md §3.1).
fs::path safari_origin_storage(const BrowserProfile& profile) {
  return profile.profile_id == "Default" ? profile.path / "WebKit" / "WebsiteData" / "Default" : profile.path / "Origins";
}

std::string journal_description(const BrowserProfile& profile, const SiteMatcher& site) {
  return site.site() + " in " + profile.browser_name + " / " + profile.profile_name;
}

std::string close_first_message(const BrowserProfile& profile, const std::string& detail) {
  return profile.browser_name + " is running (" + detail + "). Close " + profile.browser_name +
         " and try again; nothing was changed in profile '" + profile.profile_name + "'.";
}

// A store the deletion did not reach: the others stay listed, so the result says what was left.
StoreOutcome not_reached(const SiteStore& store, SkipReason reason, const std::string& message) {
  StoreOutcome outcome;
  outcome.store = std::string(store.id());
  outcome.skipped = reason;
  outcome.message = message;
  return outcome;
}

// Finishes the folder removals a killed run left in the profile (folder_removal.h): the store
// removes the site again, which deletes whatever the interrupted commit did not, then the removal
// folder goes. Says what it finished, for the result's message.
std::string roll_forward_abandoned(const BrowserProfile& profile, const std::vector<std::unique_ptr<SiteStore>>& stores) {
  std::string done;
  for (const AbandonedRemoval& abandoned : abandoned_removals(profile.path)) {
    auto store = std::find_if(stores.begin(), stores.end(), [&](const auto& s) { return s->id() == abandoned.intent.store; });
    if (!abandoned.intent.store.empty()) {
      if (store == stores.end() || abandoned.intent.site.empty()) continue;  // not ours to judge: left as it is
      StoreOutcome outcome = (*store)->remove(SiteMatcher(abandoned.intent.site, warden::PublicSuffixList::builtin()), false);
      if (!outcome.handled() && outcome.skipped != SkipReason::not_present) continue;  // the next run tries again
    }
    // An intent never completely written means nothing was moved yet.
    if (!discard_removal(abandoned.folder)) continue;
    if (abandoned.intent.store.empty()) continue;
    done += (done.empty() ? "" : "; ") + std::string("finished an interrupted deletion of ") + abandoned.intent.site +
            " (" + abandoned.intent.store + ")";
  }
  return done;
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
      stores.push_back(std::make_unique<WebKitOriginStorageStore>(profile.path, safari_origin_storage(profile)));
      break;
    case BrowserFamily::webkit: add_gnome_web_stores(profile, stores); break;
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
  return edit_profile(profile, {site.site(), journal_description(profile, site)}, dry_run, undo, stores,
                      [&](SiteStore& store) { return store.remove(site, dry_run); });
}

DeletionResult edit_profile(const BrowserProfile& profile, const ProfileEdit& what, bool dry_run,
                            const UndoSettings& undo, const std::vector<std::unique_ptr<SiteStore>>& stores,
                            const std::function<StoreOutcome(SiteStore&)>& edit) {
  DeletionResult result{profile, what.site, dry_run, SkipReason::none, {}, {}, {}};
  RunningState running = detect_running(profile);
  if (running.running) {
    result.skipped = SkipReason::running;
    result.message = close_first_message(profile, running.detail);
    return result;
  }
  // A dry run changes nothing, not even a stale lock: it takes none.
  std::optional<ProfileEditLock> lock;
  if (!dry_run) {
    lock.emplace(profile);
    if (!lock->held()) {
      result.skipped = SkipReason::running;
      result.message = close_first_message(profile, lock->detail());
      return result;
    }
  }
  auto lost = [&lock]() -> std::optional<std::string> { return lock ? lock->lost() : std::nullopt; };
  CommitGate gate(lost);
  remove_abandoned_scratch();
  if (!dry_run) result.message = roll_forward_abandoned(profile, stores);
  std::unique_ptr<DeletionJournal> journal;
  if (undo.enabled && !dry_run) {
    std::string error;
    journal = DeletionJournal::open(undo, what.journal_description, profile, error);
    if (!journal) {
      result.skipped = SkipReason::io_error;
      // Nothing is deleted that could not be undone, unless the user says so.
      result.message = error + ". Nothing was deleted in profile '" + profile.profile_name +
                       "': a deletion is made only once its undo journal is saved. Free some space for the journal in " +
                       path_text(undo.folder) + " (or make it writable) and try again, or delete with "
                       "'cookiewarden delete --no-undo' (that deletion cannot be undone).";
      return result;
    }
  }
  std::vector<std::string> not_undoable;
  for (const auto& store : stores) {
    if (stop_requested()) {
      result.stores.push_back(not_reached(*store, SkipReason::interrupted, "stopped before this store (signal or closed port)"));
      continue;
    }
    if (auto taken = lost()) {
      result.stores.push_back(not_reached(*store, SkipReason::running, *taken + "; not edited"));
      continue;
    }
    if (journal) store->record_removals_in(&journal->for_store(std::string(store->id())));
    result.stores.push_back(edit(*store));
    store->record_removals_in(nullptr);
    if (journal && !store->undoable() && !result.stores.back().items.empty() &&
        std::find(not_undoable.begin(), not_undoable.end(), store->id()) == not_undoable.end())
      not_undoable.emplace_back(store->id());
  }
  if (journal) result.undo = journal->close(std::move(not_undoable));
  if (auto taken = lost()) {
    result.message += std::string(result.message.empty() ? "" : ". ") + profile.browser_name +
                      " started during the deletion in profile '" + profile.profile_name + "' (" + *taken +
                      "). Every store is either unchanged or fully edited; see each store.";
  }
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
