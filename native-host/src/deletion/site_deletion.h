// One site's data in one browser profile: what it holds (inspect_site) and deleting it
// (delete_site), across every store of the profile's browser family.
//
// Safety, in this order: the browser owning the profile must not be running (detect_running);
// if it is, nothing is opened for writing and the result says which browser to close (a dry run
// is refused the same way: a real run would delete nothing). The browser's own single-instance
// lock is then held for the whole edit (profile_edit_lock.h), so a browser started meanwhile
// finds the profile in use. Where a browser can take the lock from us anyway (Chromium's "Unlock
// profile"), each store re-checks it right before committing (platform/commit_gate.h) and rolls
// back instead; the stores after it are not touched and the result says the browser started.
// Unless undo is off, a journal is opened next (undo/deletion_journal.h) and every store records
// what it removes before removing it; a journal that cannot be written refuses the deletion.
// Each store is edited all or nothing; a store that fails is reported and the others still run.
// A stop request (platform/stop_request.h) lets the current store finish and skips the rest as
// interrupted.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "browsers/browser_profile.h"
#include "deletion/site_matcher.h"
#include "deletion/site_store.h"
#include "undo/deletion_journal.h"
#include "undo/undo_settings.h"

namespace cookiewarden {

// Every store of a profile, present on disk or not (a missing one reports not_present).
// Chromium: Cookies (and/or Network/Cookies), Local Storage, Session Storage, IndexedDB + WebStorage
// buckets. Firefox: cookies.sqlite, storage/ (+ storage.sqlite, webappsstore), each session
// restore file. Safari: Cookies.binarycookies.
std::vector<std::unique_ptr<SiteStore>> site_stores_for(const BrowserProfile& profile);

struct SiteDataReport {
  BrowserProfile profile;
  std::string site;
  bool browser_running = false;  // the report may then miss data the browser has not flushed
  std::string running_detail;
  std::vector<StoreOutcome> stores;

  std::size_t cookie_count() const;
};

struct DeletionResult {
  BrowserProfile profile;
  std::string site;
  bool dry_run = false;
  // running: the whole profile was refused and nothing was touched; `message` says which browser
  // to close. io_error: the undo journal could not be written, nothing was touched. Otherwise
  // none, and each store says what it did; `message` then says when the browser started during
  // the deletion, and which interrupted deletions of an earlier run were finished first (empty
  // when neither happened).
  SkipReason skipped = SkipReason::none;
  std::string message;
  std::vector<StoreOutcome> stores;
  // How to undo it (`cookiewarden undo ID`) and until when; none for a dry run, with undo off, or
  // when nothing was deleted.
  std::optional<UndoReceipt> undo;

  // True when the profile was not refused and no present store was skipped.
  bool complete() const;
  std::size_t deleted_count() const;
};

SiteDataReport inspect_site(const BrowserProfile& profile, const SiteMatcher& site);
DeletionResult delete_site(const BrowserProfile& profile, const SiteMatcher& site, bool dry_run,
                           const UndoSettings& undo);

// The same over explicit stores (tests, and a caller that already built them).
SiteDataReport inspect_site(const BrowserProfile& profile, const SiteMatcher& site,
                            const std::vector<std::unique_ptr<SiteStore>>& stores);
DeletionResult delete_site(const BrowserProfile& profile, const SiteMatcher& site, bool dry_run,
                           const UndoSettings& undo, const std::vector<std::unique_ptr<SiteStore>>& stores);

// What edit_profile is doing, for its result and its undo journal.
struct ProfileEdit {
  std::string site;                 // DeletionResult::site (empty for a sweep)
  std::string journal_description;  // "example.com in Chromium / Default"
};

// delete_site's safety sequence (running check, profile lock, commit gate, journal, stop
// requests) around any edit of the profile's stores: `edit` is called once per store reached,
// with the store recording into the journal. A sweep (cookie_sweep.h) edits by selector this way.
DeletionResult edit_profile(const BrowserProfile& profile, const ProfileEdit& what, bool dry_run,
                            const UndoSettings& undo, const std::vector<std::unique_ptr<SiteStore>>& stores,
                            const std::function<StoreOutcome(SiteStore&)>& edit);

struct SiteCookieCount {
  std::string site;
  std::size_t cookies = 0;
};

// The sites with the most cookies in a profile (all its cookie stores), most first, at most
// `limit`: what `cookiewarden sites` shows without a SITE. Read-only.
std::vector<SiteCookieCount> top_cookie_sites(const BrowserProfile& profile, const warden::PublicSuffixList& psl,
                                              std::size_t limit);

// {"profile":{...},"site","browser_running","running_detail","cookies","stores":[...]}
void to_json(nlohmann::json& out, const SiteDataReport& report);
// {"profile":{...},"site","dry_run","skipped","message","complete","deleted","undo","stores":[...]}
// ("undo" is {"id","until","not_undoable"} or null)
void to_json(nlohmann::json& out, const DeletionResult& result);
// {"site","cookies"}
void to_json(nlohmann::json& out, const SiteCookieCount& count);

}  // namespace cookiewarden
