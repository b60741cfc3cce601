#include "platform/environment.h"

#include <doctest/doctest.h>

#include <stdlib.h>

#include <optional>
#include <string>

using namespace cookiewarden;

namespace {

// Sets a variable for one test and puts the old value back.
class ScopedVar {
 public:
  ScopedVar(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedVar() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("environment: current() takes the OS, HOME and the variables discovery consults") {
  ScopedVar home("HOME", "/home/tester");
  ScopedVar xdg("XDG_CONFIG_HOME", "/home/tester/cfg");
  ScopedVar empty("APPDATA", "");
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
  ScopedVar home("HOME", nullptr);
  Environment env = Environment::current();
  CHECK_FALSE(env.home.empty());
  CHECK(env.home.is_absolute());
}

TEST_CASE("environment: OS names as the protocol reports them") {
  CHECK(os_name(Os::linux_) == "linux");
  CHECK(os_name(Os::macos) == "macos");
  CHECK(os_name(Os::windows) == "windows");
}
