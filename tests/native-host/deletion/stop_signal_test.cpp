// SIGTERM (how a browser ends its native host), SIGINT (Ctrl-C) and SIGHUP arriving while
// `cookiewarden delete` is in the middle of a store: that store's edit finishes, the others are
// left untouched and reported as interrupted, and the run ends.
#include <signal.h>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/paused_run.h"
#include "../support/stopped_deletion.h"

using namespace cookiewarden::test;

TEST_CASE("stop_signals_the_store_being_committed_finishes_the_rest_are_interrupted_nothing_half_done") {
  for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
    CAPTURE(signal);
    StopScene scene;
    RunningHost host = spawn_host({COOKIEWARDEN_BINARY, "delete", "keep.test", "--json"}, scene.env(), scene.out);
    REQUIRE(stop_at_first_pause(host.pid, scene.pause, [&] { ::kill(host.pid, signal); }) == 3);
    check_stopped_at_first_commit(nlohmann::json::parse(file_bytes(scene.out)), scene.before);
  }
}
