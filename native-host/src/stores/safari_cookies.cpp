#include "stores/safari_cookies.h"

#include <map>

#include "undo/deletion_journal.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

// O_NOFOLLOW guards the file name itself; the Cookies folder must not be a link out of the profile either.
bool folder_is_symlink(const fs::path& file) {
  std::error_code ec;
  return fs::is_symlink(fs::symlink_status(file.parent_path(), ec));
}

// The file's reader and writer look at each record more than once (placing, rebuilding pages);
// the selector is asked once per record, and a record's answer is remembered by its bytes.
class OncePerRecord {
 public:
  explicit OncePerRecord(CookieSelector& selector) : selector_(selector) {}
  bool operator()(const BinaryCookieRecord& r) {
    std::string key(reinterpret_cast<const char*>(r.bytes.data()), r.bytes.size());
    auto [it, fresh] = answers_.try_emplace(std::move(key), false);
    if (fresh) it->second = selector_.selects({r.domain, r.name, r.path.empty() ? "/" : r.path, {}});
    return it->second;
  }

 private:
  CookieSelector& selector_;
  std::map<std::string, bool, std::less<>> answers_;
};

}  // namespace

SafariCookieStore SafariCookieStore::for_profile(const BrowserProfile& profile) {
  return SafariCookieStore(profile.path / "Cookies" / "Cookies.binarycookies");
}

StoreOutcome SafariCookieStore::run(CookieSelector& selector, bool write) const {
  StoreOutcome outcome{std::string(id()), file_, SkipReason::none, {}, {}};
  if (folder_is_symlink(file_)) {
    outcome.skipped = SkipReason::unsafe_path;
    outcome.message = file_.parent_path().string() + ": is a symbolic link; not followed";
    return outcome;
  }
  OncePerRecord once(selector);
  auto belongs = [&once](const BinaryCookieRecord& r) { return once(r); };
  // Journal first: the removed records are on disk before the file is replaced.
  BinaryCookiesBeforeRemoval record;
  if (StoreJournal* journal = this->journal())
    record = [this, journal](const std::vector<PlacedBinaryCookie>& removed, std::string& error) {
      return journal->record_binarycookies(file_, removed, error);
    };
  auto result = write ? remove_from_binarycookies_file(file_, belongs, record) : inspect_binarycookies_file(file_, belongs);
  if (!result.ok()) {
    outcome.skipped = result.skipped;
    outcome.message = result.message;
    return outcome;
  }
  for (auto& cookie : result.matched) {
    SiteItem item;
    item.kind = ItemKind::cookie;
    item.host = std::move(cookie.domain);
    item.name = std::move(cookie.name);
    outcome.items.push_back(std::move(item));
  }
  return outcome;
}

StoreOutcome SafariCookieStore::inspect(const SiteMatcher& site) const {
  SiteCookieSelector selector(site);
  return run(selector, false);
}

StoreOutcome SafariCookieStore::remove(const SiteMatcher& site, bool dry_run) {
  SiteCookieSelector selector(site);
  return run(selector, !dry_run);
}

StoreOutcome SafariCookieStore::remove_cookies(CookieSelector& selector, bool dry_run) { return run(selector, !dry_run); }

std::vector<std::string> SafariCookieStore::cookie_domains() const {
  std::vector<std::string> domains;
  if (folder_is_symlink(file_)) return domains;
  auto every = inspect_binarycookies_file(file_, [](const BinaryCookieRecord&) { return true; });
  for (auto& cookie : every.matched) domains.push_back(std::move(cookie.domain));
  return domains;
}

}  // namespace cookiewarden
