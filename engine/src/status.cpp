#include "warden/status.h"

#include <array>

namespace warden {
namespace {

struct StatusText {
  std::string_view name;
  std::string_view message;
};

constexpr std::array<StatusText, static_cast<std::size_t>(Status::kStatusCount)> kTable{{
    {"ok", "success"},
    {"invalid_url", "the URL could not be parsed"},
    {"invalid_host", "the host name is not valid"},
    {"invalid_json", "the JSON input is malformed or has the wrong shape"},
    {"invalid_rule", "a rule could not be parsed"},
    {"invalid_policy", "the consent policy is malformed"},
    {"invalid_argument", "an argument is missing or has the wrong type"},
    {"corrupt_buffer", "the compiled engine buffer is truncated or corrupted"},
    {"version_mismatch", "the compiled engine buffer was written by another version"},
    {"unsupported", "the input uses a feature this engine does not support"},
}};

const StatusText& text_of(Status s) {
  auto i = static_cast<std::size_t>(s);
  return i < kTable.size() ? kTable[i] : kTable[static_cast<std::size_t>(Status::invalid_argument)];
}

}  // namespace

std::string_view status_name(Status s) { return text_of(s).name; }
std::string_view status_message(Status s) { return text_of(s).message; }

}  // namespace warden
