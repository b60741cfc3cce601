// Test support: what every store promises about inspect and dry runs (deletion/site_store.h):
// they list exactly what the real run then removes, and change no byte.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>

#include "deletion/site_store.h"
#include "store_fixtures.h"

namespace cookiewarden::test {

// Inspects the site, dry-runs its removal, then removes it for real: checks that the first two
// left every byte under `folder` as it was and that all three list the same items, compared
// through `listed` (what identifies an item of this store). Returns the real run's outcome.
template <class Listed>
StoreOutcome remove_after_inspect_and_dry_run(SiteStore& store, const SiteMatcher& site,
                                              const std::filesystem::path& folder, Listed listed) {
  auto before = tree_snapshot(folder);
  StoreOutcome report = store.inspect(site);
  StoreOutcome dry = store.remove(site, true);
  REQUIRE_MESSAGE(report.handled(), report.message);
  REQUIRE_MESSAGE(dry.handled(), dry.message);
  CHECK(tree_snapshot(folder) == before);
  StoreOutcome real = store.remove(site, false);
  REQUIRE_MESSAGE(real.handled(), real.message);
  CHECK(listed(dry) == listed(real));
  CHECK(listed(report) == listed(real));
  return real;
}

// A store whose every path below `loop` fails to stat with ELOOP (`loop` is a symlink to itself):
// inspect and remove report that nothing was found and throw nothing (an exception would abandon
// the profile's other stores), and the link is left as it was (tree_snapshot would follow it).
inline void check_symlink_loop_is_harmless(SiteStore& store, const SiteMatcher& site, const std::filesystem::path& loop) {
  StoreOutcome inspected, removed;
  REQUIRE_NOTHROW(inspected = store.inspect(site));
  REQUIRE_NOTHROW(removed = store.remove(site, false));
  CHECK(inspected.items.empty());
  CHECK(removed.items.empty());
  CHECK(std::filesystem::read_symlink(loop) == loop.filename());
}

}  // namespace cookiewarden::test
