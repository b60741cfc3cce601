#include "cli/arguments.h"

#include <algorithm>

namespace cookiewarden::cli {
namespace {

bool contains(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

warden::Result<Arguments> Arguments::parse(std::span<const std::string_view> args, const ArgumentSpec& spec) {
  Arguments parsed;
  bool only_positionals = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (only_positionals || arg.size() < 2 || arg.front() != '-') {
      if (parsed.positionals_.size() == spec.max_positionals)
        return {warden::Status::invalid_argument, "unexpected argument '" + std::string(arg) + "'"};
      parsed.positionals_.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    std::string_view name = arg;
    std::optional<std::string_view> inline_value;
    if (std::size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    if (contains(spec.flags, name) && !inline_value) {
      parsed.flags_.emplace_back(name);
    } else if (contains(spec.options, name)) {
      if (!inline_value && i + 1 == args.size())
        return {warden::Status::invalid_argument, "option " + std::string(name) + " needs a value"};
      parsed.options_.emplace_back(name, inline_value ? *inline_value : args[++i]);
    } else {
      return {warden::Status::invalid_argument, "unknown option '" + std::string(arg) + "'"};
    }
  }
  return parsed;
}

bool Arguments::has(std::string_view flag) const {
  return std::find(flags_.begin(), flags_.end(), flag) != flags_.end();
}

std::optional<std::string> Arguments::value(std::string_view option) const {
  for (auto it = options_.rbegin(); it != options_.rend(); ++it)
    if (it->first == option) return it->second;
  return std::nullopt;
}

std::vector<std::string> Arguments::values(std::string_view option) const {
  std::vector<std::string> out;
  for (const auto& [name, value] : options_)
    if (name == option) out.push_back(value);
  return out;
}

}  // namespace cookiewarden::cli
