#include "protocol/caller.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/store_fixtures.h"
#include "../support/test_environment.h"
#include "install/install_record.h"
#include "platform/executable_path.h"

using namespace cookiewarden;
using namespace cookiewarden::protocol;
using namespace cookiewarden::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kOrigin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

std::optional<Caller> caller_of(std::vector<std::string_view> args) { return native_messaging_caller(args); }

void write_manifest(const fs::path& path, const json& manifest) { write_file(path, manifest.dump()); }

}  // namespace

TEST_CASE("caller: argv tells a browser launch from a CLI run") {
  auto chromium = caller_of({kOrigin});
  REQUIRE(chromium);
  CHECK(chromium->kind == CallerKind::chromium);
  CHECK(chromium->extension == kOrigin);
  auto windows = caller_of({kOrigin, "--parent-window=1234"});
  REQUIRE(windows);
  CHECK(windows->extension == kOrigin);
  // Firefox passes the manifest's absolute path, in the platform's own form.
#if defined(_WIN32)
  const std::string manifest = "C:\\Users\\u\\AppData\\Roaming\\Cookie Warden\\org.cookiewarden.host.json";
#else
  const std::string manifest = "/home/u/.mozilla/native-messaging-hosts/org.cookiewarden.host.json";
#endif
  auto firefox = caller_of({manifest, "a@b.org"});
  REQUIRE(firefox);
  CHECK(firefox->kind == CallerKind::firefox);
  CHECK(firefox->extension == "a@b.org");
  CHECK(firefox->manifest == manifest);

  CHECK_FALSE(caller_of({}));
  CHECK_FALSE(caller_of({"browsers"}));
  CHECK_FALSE(caller_of({"install", "--json"}));
  CHECK_FALSE(caller_of({"relative.json", "a@b.org"}));
  CHECK_FALSE(caller_of({"/abs/manifest.json"}));
}

TEST_CASE("caller: a Chromium origin is allowed only when one of our manifests lists it") {
  TempDir home;
  Environment env = environment_of(Os::linux_, home.path());
  Caller caller{CallerKind::chromium, kOrigin, {}};
  CHECK(check_caller(caller, env, "/usr/bin/cookiewarden")->code == ErrorCode::not_allowed);

  fs::path user_level = home / ".config/chromium/NativeMessagingHosts/org.cookiewarden.host.json";
  write_manifest(user_level, {{"name", "org.cookiewarden.host"}, {"allowed_origins", {kOrigin}}});
  CHECK_FALSE(check_caller(caller, env, "/usr/bin/cookiewarden"));

  Caller stranger{CallerKind::chromium, "chrome-extension://pppppppppppppppppppppppppppppppp/", {}};
  auto refusal = check_caller(stranger, env, "/usr/bin/cookiewarden");
  REQUIRE(refusal);
  CHECK(refusal->code == ErrorCode::not_allowed);
  CHECK(refusal->message.find("pppp") != std::string::npos);

  // A manifest under our file name but for another host does not count.
  write_manifest(user_level, {{"name", "com.other.host"}, {"allowed_origins", {kOrigin}}});
  CHECK(check_caller(caller, env, "/usr/bin/cookiewarden"));
}

TEST_CASE("caller: manifests written to a custom user data dir count through the install record") {
  TempDir home;
  Environment env = environment_of(Os::linux_, home.path());
  fs::path custom = home / "profiles/test-udd/NativeMessagingHosts/org.cookiewarden.host.json";
  write_manifest(custom, {{"name", "org.cookiewarden.host"}, {"allowed_origins", {kOrigin}}});
  Caller caller{CallerKind::chromium, kOrigin, {}};
  CHECK(check_caller(caller, env, "/x"));  // not recorded yet: unknown location

  install::InstallRecord record;
  record.manifests.push_back({"chromium", custom});
  REQUIRE(install::save_install_record(install::install_record_path(env), record));
  CHECK_FALSE(check_caller(caller, env, "/x"));
}

TEST_CASE("caller: Firefox is checked against the manifest it passed: our name, our binary, the add-on id") {
  TempDir home;
  Environment env = environment_of(Os::linux_, home.path());
  fs::path self = executable_path();
  REQUIRE_FALSE(self.empty());
  fs::path manifest = home / ".mozilla/native-messaging-hosts/org.cookiewarden.host.json";
  Caller caller{CallerKind::firefox, "cookiewarden@cookiewarden.org", manifest};
  CHECK(check_caller(caller, env, self));  // no manifest there

  write_manifest(manifest, {{"name", "org.cookiewarden.host"}, {"path", self.string()},
                            {"allowed_extensions", {"cookiewarden@cookiewarden.org"}}});
  CHECK_FALSE(check_caller(caller, env, self));

  Caller other = caller;
  other.extension = "evil@example.com";
  CHECK(check_caller(other, env, self)->code == ErrorCode::not_allowed);

  write_manifest(manifest, {{"name", "org.cookiewarden.host"}, {"path", "/usr/bin/something-else"},
                            {"allowed_extensions", {"cookiewarden@cookiewarden.org"}}});
  CHECK(check_caller(caller, env, self));
}
