#include "platform/environment.h"

#include <doctest/doctest.h>

#include <string>

#include "../support/scoped_variable.h"

using namespace cookiewarden;
using cookiewarden::test::ScopedVariable;

TEST_CASE("environment: current() takes the OS, HOME and the variables discovery consults") {
  ScopedVariable home("HOME", "/home/tester");
  ScopedVariable xdg("XDG_CONFIG_HOME", "/home/tester/cfg");
  ScopedVariable empty("APPDATA", "");
  Environment env = Environment::current();
  CHECK(env.os == Os::linux_);
  CHECK(env.home == "/home/tester");
  CHECK(env.var("XDG_CONFIG_HOME") == "/home/tester/cfg");
  CHECK(env.var("APPDATA").empty());
  CHECK_FALSE(env.vars.contains("APPDATA"));  // empty counts as unset
  CHECK(env.dir_var("XDG_CONFIG_HOME", ".config") == "/home/tester/cfg");
  CHECK(env.dir_var("LOCALAPPDATA", "AppData/Local") == "/home/tester/AppData/Local");
}

TEST_CASE("environment: without HOME the password database gives the home directory") {
  ScopedVariable home("HOME", nullptr);
  Environment env = Environment::current();
  CHECK_FALSE(env.home.empty());
  CHECK(env.home.is_absolute());
}

TEST_CASE("environment: OS names as the protocol reports them") {
  CHECK(os_name(Os::linux_) == "linux");
  CHECK(os_name(Os::macos) == "macos");
  CHECK(os_name(Os::windows) == "windows");
}
