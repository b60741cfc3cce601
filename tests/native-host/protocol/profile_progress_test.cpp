#include "protocol/profile_progress.h"

#include <doctest/doctest.h>

#include <vector>

#include "protocol/message.h"
#include "protocol/utf8.h"

using namespace cookiewarden;
using cookiewarden::protocol::ProfileProgress;
using nlohmann::json;

namespace {

BrowserProfile profile_named(std::string name) {
  BrowserProfile profile;
  profile.browser_id = "chrome";
  profile.browser_name = "Google Chrome";
  profile.profile_id = "Profile 1";
  profile.profile_name = std::move(name);
  return profile;
}

}  // namespace

TEST_CASE("profile progress: done counts finished profiles, skipped and done outcomes") {
  std::vector<json> reports;
  protocol::ProgressSink sink = [&](const json& report) { reports.push_back(report); };
  ProfileProgress progress(sink, 2);
  BrowserProfile first = profile_named("Work"), second = profile_named("");
  progress.deleting(first, false);
  progress.deleted(DeletionResult{first, "keep.test", false, SkipReason::running, "close it", {}, {}});
  progress.deleting(second, true);
  progress.deleted(DeletionResult{second, "keep.test", true, SkipReason::none, "", {}, {}});
  REQUIRE(reports.size() == 4);
  CHECK(reports[0] == json{{"done", 0}, {"total", 2}, {"browser", "Google Chrome"}, {"profile", "Work"},
                           {"target", "chrome/Profile 1"}, {"state", "deleting"}});
  CHECK(reports[1]["done"] == 1);
  CHECK(reports[1]["state"] == "skipped");
  CHECK(reports[1]["reason"] == "running");
  CHECK(reports[2]["profile"] == "Profile 1");  // no display name: the folder's
  CHECK(reports[2]["dry_run"] == true);
  CHECK(reports[3] == json{{"done", 2}, {"total", 2}, {"browser", "Google Chrome"}, {"profile", "Profile 1"},
                           {"target", "chrome/Profile 1"}, {"state", "done"}, {"deleted", 0}, {"complete", true},
                           {"dry_run", true}});
}

TEST_CASE("profile progress: a name of any length is cut on a code point, keeping the message small") {
  std::string name;
  for (int i = 0; i < 100000; ++i) name += "\xC3\xBC\xE2\x9C\x93";  // ü✓
  std::vector<json> reports;
  protocol::ProgressSink sink = [&](const json& report) { reports.push_back(report); };
  ProfileProgress progress(sink, 1);
  progress.reading(profile_named(name));
  REQUIRE(reports.size() == 1);
  std::string shown = reports[0]["profile"];
  CHECK(shown.size() <= protocol::kMaxProgressNameBytes);
  CHECK(shown.ends_with("..."));
  CHECK(protocol::is_valid_utf8(shown));
  CHECK(protocol::serialize(protocol::progress_message(1, reports[0])).size() < 2048);
}

TEST_CASE("profile progress: with no listener nothing is called (an empty sink would throw)") {
  protocol::ProgressSink none;
  ProfileProgress progress(none, 1);
  BrowserProfile profile = profile_named("Work");
  CHECK_NOTHROW(progress.reading(profile));
  CHECK_NOTHROW(progress.read(profile, {{"cookies", 1}}));
  CHECK_NOTHROW(progress.deleting(profile, false));
  CHECK_NOTHROW(progress.deleted(DeletionResult{profile, "keep.test", false, SkipReason::none, "", {}, {}}));
}
