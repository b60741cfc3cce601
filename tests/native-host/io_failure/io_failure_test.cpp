// Disk full and write errors under `cookiewarden delete`: write, fsync or rename fails on one
// store's files (an LD_PRELOAD shim, fail_io_shim.c). The store must report a clear error that
// names the file, leave the original exactly as it was, and the other stores still run.
#ifdef COOKIEWARDEN_FAIL_SHIM

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>

#include "../support/fake_profiles.h"
#include "../support/leveldb_files.h"
#include "../support/subprocess.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;

namespace {

struct Failure {
  const char* call;
  const char* path;
  const char* error;  // errno number
};

// Runs `cookiewarden delete keep.test --json` with `failure` injected; returns the JSON report.
nlohmann::json delete_with(const FakeHome& home, const Failure& failure) {
  fs::create_directories(home.home() / "run");
  ProcessResult run = run_process({COOKIEWARDEN_BINARY, "delete", "keep.test", "--json"},
                                  {"HOME=" + home.home().string(), "XDG_RUNTIME_DIR=" + (home.home() / "run").string(),
                                   std::string("LD_PRELOAD=") + COOKIEWARDEN_FAIL_SHIM,
                                   std::string("CW_FAIL_CALL=") + failure.call, std::string("CW_FAIL_PATH=") + failure.path,
                                   std::string("CW_FAIL_ERRNO=") + failure.error},
                                  "");
  INFO(run.out, run.err);
  REQUIRE(run.exit_code == 3);  // partial: the failing store was skipped
  return nlohmann::json::parse(run.out);
}

// keep.test's site folder in the Firefox profile, what the folder store moves aside.
fs::path keep_site_folder(const FakeHome& home) {
  fs::path origin = home.firefox_profile() / "storage" / "default" / "http+++news.keep.test+8765";
  write_file(origin / "ls" / "data.sqlite", "keep's data");
  return origin;
}

const nlohmann::json& store_of(const nlohmann::json& report, const std::string& family, const std::string& store) {
  for (const auto& profile : report["profiles"])
    if (profile["profile"]["family"] == family)
      for (const auto& s : profile["stores"])
        if (s["store"] == store) return s;
  FAIL("no " << family << " store " << store);
  static nlohmann::json none;
  return none;
}

}  // namespace

TEST_CASE("write failure: the disk fills up while the cookie journal is written: error names Cookies, every row stays") {
  FakeHome home;
  auto rows = RawDb(home.chromium_profile() / "Cookies").rows("SELECT host_key, name FROM cookies ORDER BY 1, 2");
  nlohmann::json report = delete_with(home, {"write", "/Default/Cookies", "28"});
  const auto& cookies = store_of(report, "chromium", "chromium_cookies");
  CHECK(cookies["skipped"] == "io_error");
  CHECK(cookies["message"].get<std::string>().find(home.chromium_profile().string() + "/Cookies") != std::string::npos);
  RawDb after(home.chromium_profile() / "Cookies");
  CHECK(after.text("PRAGMA integrity_check") == "ok");
  CHECK(after.rows("SELECT host_key, name FROM cookies ORDER BY 1, 2") == rows);
  // The Firefox profile was not touched by the failure: its keep.test cookies are gone.
  CHECK(store_of(report, "firefox", "firefox_cookies")["skipped"].is_null());
}

TEST_CASE("write failure: moving a site folder aside fails (EIO): error names the folder, nothing moved") {
  FakeHome home;
  fs::path origin = keep_site_folder(home);
  auto before = tree_snapshot(home.firefox_profile() / "storage");
  nlohmann::json report = delete_with(home, {"rename", "storage/default/http+++news.keep.test", "5"});
  const auto& storage = store_of(report, "firefox", "firefox_site_storage");
  CHECK(storage["skipped"] == "io_error");
  CHECK(storage["message"].get<std::string>().find(origin.string()) != std::string::npos);
  CHECK(tree_snapshot(home.firefox_profile() / "storage") == before);
  fs::path removal = home.firefox_profile() / ".cookiewarden-removal";
  bool removal_left = fs::exists(removal) && !fs::is_empty(removal);
  CHECK_FALSE(removal_left);
}

// One errno reads as one skip reason in every store (stores/errno_skip_reason.h): before, the
// folder store called everything but EACCES and EPERM an io_error.
TEST_CASE("write failure: moving a site folder aside fails with EBUSY or EROFS: locked or permission_denied, nothing moved") {
  struct Case {
    const char* errno_number;
    const char* reason;
  };
  for (Case c : {Case{"16", "locked"}, Case{"30", "permission_denied"}}) {
    CAPTURE(c.reason);
    FakeHome home;
    keep_site_folder(home);
    auto before = tree_snapshot(home.firefox_profile() / "storage");
    nlohmann::json report = delete_with(home, {"rename", "storage/default/http+++news.keep.test", c.errno_number});
    CHECK(store_of(report, "firefox", "firefox_site_storage")["skipped"] == c.reason);
    CHECK(tree_snapshot(home.firefox_profile() / "storage") == before);
  }
}

TEST_CASE("write failure: the removal note cannot be flushed (fsync ENOSPC): nothing moves, the error says where") {
  FakeHome home;
  keep_site_folder(home);
  auto before = tree_snapshot(home.firefox_profile() / "storage");
  nlohmann::json report = delete_with(home, {"fsync", ".cookiewarden-removal", "28"});
  const auto& storage = store_of(report, "firefox", "firefox_site_storage");
  CHECK(storage["skipped"] == "io_error");
  CHECK(storage["message"].get<std::string>().find(".cookiewarden-removal") != std::string::npos);
  CHECK(tree_snapshot(home.firefox_profile() / "storage") == before);
}

TEST_CASE("write failure: Local Storage's log cannot be written (ENOSPC): error names the database, every key stays") {
  using namespace std::string_literals;
  FakeHome home;
  fs::path dir = home.chromium_profile() / "Local Storage" / "leveldb";
  fs::create_directories(dir);
  std::map<std::string, std::string> keys{{"VERSION", "1"},
                                          {"META:http://news.keep.test:8765", "\x08\x01"s},
                                          {"_http://news.keep.test:8765\0\x01ls_news"s, "\x01v_news"s},
                                          {"_https://other.test\0\x01k"s, "\x01v"s}};
  put_leveldb(*open_leveldb(dir, true), keys);
  nlohmann::json report = delete_with(home, {"write", "Local Storage/leveldb/", "28"});
  const auto& local = store_of(report, "chromium", "chromium_local_storage");
  CHECK(local["skipped"].is_string());
  CHECK(local["message"].get<std::string>().find(dir.string()) != std::string::npos);
  CHECK(read_leveldb(dir) == keys);
}

#endif
