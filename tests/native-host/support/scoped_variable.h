// Test support: sets (or unsets) a process environment variable for one scope and puts the old
// value back at its end. POSIX only (setenv), like the tests that move HOME or XDG_RUNTIME_DIR.
#pragma once

#include <stdlib.h>

#include <optional>
#include <string>

namespace cookiewarden::test {

class ScopedVariable {
 public:
  // `value` nullptr: the variable is unset for the scope.
  ScopedVariable(const char* name, const char* value) : name_(name) {
    if (const char* old = ::getenv(name)) old_ = old;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~ScopedVariable() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace cookiewarden::test
