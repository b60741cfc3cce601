// Command-line options for every CLI command: flags (`--json`), options with a value
// (`--policy FILE`, `--policy=FILE`, repeatable), and positional arguments. Unknown options and
// missing values are errors with a message naming them, so a typo never runs a deletion.
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "warden/status.h"

namespace cookiewarden::cli {

struct ArgumentSpec {
  std::initializer_list<std::string_view> flags;
  std::initializer_list<std::string_view> options;
  std::size_t max_positionals = 0;
};

class Arguments {
 public:
  static warden::Result<Arguments> parse(std::span<const std::string_view> args, const ArgumentSpec& spec);

  bool has(std::string_view flag) const;
  // The last value given for `option`, if any.
  std::optional<std::string> value(std::string_view option) const;
  std::vector<std::string> values(std::string_view option) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::vector<std::string> flags_;
  std::vector<std::pair<std::string, std::string>> options_;
  std::vector<std::string> positionals_;
};

}  // namespace cookiewarden::cli
