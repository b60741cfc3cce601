#include "warden/request.h"

#include <array>
#include <utility>

namespace warden {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(ResourceType::kCount)> kTypeNames{
    "main_frame", "sub_frame", "script",    "image",  "stylesheet", "xmlhttprequest",
    "ping",       "media",     "font",      "websocket", "object",  "other"};

constexpr std::array<std::pair<std::string_view, ResourceType>, 11> kAliases{{
    {"xhr", ResourceType::xmlhttprequest},
    {"fetch", ResourceType::xmlhttprequest},
    {"document", ResourceType::sub_frame},
    {"subdocument", ResourceType::sub_frame},
    {"beacon", ResourceType::ping},
    {"csp_report", ResourceType::ping},
    {"object_subrequest", ResourceType::object},
    {"texttrack", ResourceType::other},
    {"manifest", ResourceType::other},
    {"eventsource", ResourceType::other},
    {"imageset", ResourceType::image},
}};

}  // namespace

std::optional<ResourceType> parse_resource_type(std::string_view name) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i)
    if (kTypeNames[i] == name) return static_cast<ResourceType>(i);
  for (const auto& [alias, type] : kAliases)
    if (alias == name) return type;
  return std::nullopt;
}

std::string_view resource_type_name(ResourceType t) {
  auto i = static_cast<std::size_t>(t);
  return i < kTypeNames.size() ? kTypeNames[i] : "other";
}

}  // namespace warden
