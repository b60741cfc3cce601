// How long `cookiewarden sweep --necessary-only` takes on the benchmarks' fake home (bench_home.h:
// 3 Chromium-family + 2 Firefox profiles, 5,000 cookies over 500 sites each). Four of every
// site's ten cookies are Google Analytics' _ga and _gid, Meta's _fbp and Google Ads' _gcl_au, so a
// sweep removes 2,000 cookies per profile and keeps 3,000. One timed run = discovery + running
// detection + reading, deciding and removing (journal first, one transaction and fsync per store)
// in all five profiles; the engine (engine.bin beside cookiewarden, what the CLI loads) is loaded
// once before, and its load is timed apart. The profiles are rebuilt before every run.
// Goals: median <= 300 ms, dry run <= 100 ms.
#include <chrono>

#include "../bench_home.h"
#include "browsers/discovery.h"
#include "deletion/cookie_sweep.h"
#include "rules/engine_loading.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::bench;

namespace {

constexpr int kRuns = 9;

std::string tracker_or_numbered(int index) {
  static const char* const trackers[] = {"_ga", "_gid", "_fbp", "_gcl_au"};
  return index < 4 ? std::string(trackers[index]) : std::to_string(index).insert(0, 1, 'c');
}

class NoProgress final : public DeletionProgress {
 public:
  void deleting(const BrowserProfile&, bool) override {}
  void deleted(const DeletionResult&) override {}
};

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main() {
  auto load_start = std::chrono::steady_clock::now();
  auto engine = load_engine(std::string(WARDEN_HOST_ENGINE));
  double load_ms = ms_since(load_start);
  if (!engine.ok()) {
    std::fprintf(stderr, "sweep_bench: %s\n", engine.detail().c_str());
    return 1;
  }
  std::string tmpl = (fs::temp_directory_path() / "cw-sweep-bench-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return 1;
  fs::path root = tmpl, pristine = root / "pristine", home = root / "home";
  build_home(pristine, tracker_or_numbered);

  warden::Policy policy = warden::Policy::necessary_only();
  std::size_t removed = 0, kept = 0, profiles = 0;
  NoProgress progress;
  auto timed_pass = [&](bool dry_run) {
    fs::remove_all(home);
    fs::copy(pristine, home, fs::copy_options::recursive);
    auto start = std::chrono::steady_clock::now();
    Environment env{Os::linux_, home, {}};
    CookieSweep sweep = sweep_everywhere(discover_profiles(env), *(*engine)->engine, policy, dry_run,
                                         UndoSettings::for_environment(env), progress);
    double ms = ms_since(start);
    removed = kept = 0;
    for (const auto& profile : sweep.profiles) {
      if (!profile.deletion.complete())
        std::fprintf(stderr, "sweep_bench: %s incomplete: %s\n", profile.deletion.profile.path.c_str(),
                     profile.deletion.message.c_str());
      removed += profile.tally.removed();
      kept += profile.tally.kept();
    }
    profiles = sweep.profiles.size();
    return ms;
  };
  std::vector<double> real, dry;
  for (int run = 0; run < kRuns; ++run) {
    real.push_back(timed_pass(false));
    dry.push_back(timed_pass(true));
  }
  fs::remove_all(root);
  std::printf("sweep %zu profiles (3 Chromium-family + 2 Firefox, %d cookies each) under necessary-only:\n", profiles,
              kSites * kCookiesPerSite);
  std::printf("  engine %s loaded in %.1f ms (once per command)\n", WARDEN_HOST_ENGINE, load_ms);
  std::printf("  %zu cookies removed, %zu kept per run; sweep: median %.1f ms, min %.1f ms, max %.1f ms over %d runs"
              " (goal <= 300 ms)\n",
              removed, kept, median(real), *std::min_element(real.begin(), real.end()),
              *std::max_element(real.begin(), real.end()), kRuns);
  std::printf("  dry run (reads and decides every cookie, removes nothing): median %.1f ms (goal <= 100 ms)\n",
              median(dry));
  return profiles == 5 && removed == 5 * 2000 ? 0 : 1;
}
