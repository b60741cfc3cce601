// How long `delete SITE` takes on a realistic machine: 3 Chromium-family profiles (Chromium,
// Chrome, Edge) and 2 Firefox profiles, each holding 5,000 cookies over 500 sites, built from the
// real Chromium 156 and Firefox ESR 153 cookie files (tests/native-host/fixtures/cookie-stores) in a fake home.
// One timed run = discovery + running detection + deleting one site (10 of its cookies plus
// cookies partitioned under it) from all five profiles, each with its own SQLite transaction,
// secure_delete and fsync. The profiles are rebuilt before every run. Goal: <= 200 ms in total.
#include <chrono>

#include "../bench_home.h"
#include "browsers/discovery.h"
#include "deletion/site_deletion.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::bench;

namespace {

constexpr int kRuns = 9;

std::string numbered(int index) { return std::to_string(index).insert(0, 1, 'c'); }

}  // namespace

int main() {
  std::string tmpl = (fs::temp_directory_path() / "cw-deletion-bench-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return 1;
  fs::path root = tmpl, pristine = root / "pristine", home = root / "home";
  build_home(pristine, numbered);

  auto site = SiteMatcher::from_input("site250.test", warden::PublicSuffixList::builtin());
  std::size_t deleted = 0, profiles = 0;
  // One timed pass over fresh copies of the profiles: discovery, running detection, deletion.
  auto timed_pass = [&](bool dry_run) {
    fs::remove_all(home);
    fs::copy(pristine, home, fs::copy_options::recursive);
    auto start = std::chrono::steady_clock::now();
    Environment env{Os::linux_, home, {}};
    std::vector<BrowserProfile> found = discover_profiles(env);
    deleted = 0;
    for (const auto& profile : found) {
      DeletionResult result = delete_site(profile, *site, dry_run, UndoSettings::for_environment(env));
      if (!result.complete())
        std::fprintf(stderr, "deletion_bench: %s incomplete: %s\n", profile.path.c_str(), result.message.c_str());
      deleted += result.deleted_count();
    }
    profiles = found.size();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  std::vector<double> real, dry;
  for (int run = 0; run < kRuns; ++run) {
    real.push_back(timed_pass(false));
    dry.push_back(timed_pass(true));
  }
  fs::remove_all(root);
  std::printf("delete one site from %zu profiles (3 Chromium-family + 2 Firefox, %d cookies each over %d sites):\n",
              profiles, kSites * kCookiesPerSite, kSites);
  std::printf("  %zu cookies per run; delete: median %.1f ms, min %.1f ms, max %.1f ms over %d runs (goal <= 200 ms)\n",
              deleted, median(real), *std::min_element(real.begin(), real.end()),
              *std::max_element(real.begin(), real.end()), kRuns);
  std::printf("  dry run (same path up to the first write, no commit/fsync): median %.1f ms\n", median(dry));
  return profiles == 5 ? 0 : 1;
}
