// The INI dialect Firefox writes (profiles.ini, installs.ini): [Section] headers, Key=Value
// lines, ';'/'#' comments, LF or CRLF, an optional UTF-8 BOM. Lenient: a line that is none of
// these is ignored, as Firefox's own parser does.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cookiewarden {

struct IniSection {
  std::string name;
  std::map<std::string, std::string> values;

  // The value of `key`, or empty.
  std::string get(const std::string& key) const;
};

// Sections in file order; a repeated key keeps its last value.
std::vector<IniSection> parse_ini(std::string_view text);

}  // namespace cookiewarden
