// WebKit's service-worker registrations as a SiteStore: the `Records` table of
// <folder>/ServiceWorkerRegistrations-8.sqlite3 (GNOME Web: serviceworkers/; observed, WebKitGTK
// 2.50), one row per registration with `origin` ("http://a.test:8080") and `topOrigin` as a
// database identifier ("http_a.test_8080", webkit_origin.h). A site's rows are those whose origin
// or top origin is the site; each is reported as a quota_record named "service worker <scope>".
// The scripts (Scripts/V1/<salted hashes>) stay: nothing names their origin, and WebKit drops
// scripts no registration refers to. Another schema version has another file name and is not read.
#pragma once

#include <filesystem>

#include "deletion/site_store.h"

namespace cookiewarden {

class WebKitServiceWorkerStore final : public SiteStore {
 public:
  static constexpr std::string_view kFileName = "ServiceWorkerRegistrations-8.sqlite3";

  explicit WebKitServiceWorkerStore(const std::filesystem::path& folder) : file_(folder / kFileName) {}

  std::string_view id() const override { return "webkit_service_workers"; }
  StoreOutcome inspect(const SiteMatcher& site) const override;
  StoreOutcome remove(const SiteMatcher& site, bool dry_run) override;
  bool undoable() const override { return true; }

 private:
  std::filesystem::path file_;
};

}  // namespace cookiewarden
