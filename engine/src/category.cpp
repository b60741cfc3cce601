#include "warden/category.h"

namespace warden {
namespace {
constexpr std::array<std::string_view, kCategoryCount> kNames{
    "necessary", "functional", "analytics", "social", "marketing", "unknown"};
}

std::string_view category_name(Category c) {
  auto i = static_cast<std::size_t>(c);
  return i < kNames.size() ? kNames[i] : "unknown";
}

std::optional<Category> parse_category(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) return static_cast<Category>(i);
  if (name == "social media" || name == "social_media") return Category::social;
  return std::nullopt;
}

}  // namespace warden
