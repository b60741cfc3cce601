// Consent categories, as a person chooses them on a site's cookie banner.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace warden {

// Persisted in compiled engine buffers, policies and the WASM ABI: append only, do not reorder.
//   bit:  0 necessary | 1 functional | 2 analytics | 3 social | 4 marketing | 5 unknown
enum class Category : std::uint8_t {
  necessary = 0,
  functional = 1,
  analytics = 2,
  social = 3,
  marketing = 4,
  unknown = 5,
};

inline constexpr std::size_t kCategoryCount = 6;

inline constexpr std::array<Category, kCategoryCount> kAllCategories{
    Category::necessary, Category::functional, Category::analytics,
    Category::social,    Category::marketing,  Category::unknown};

// A set of categories as a bit mask (bit i = Category i).
using CategoryMask = std::uint8_t;

constexpr CategoryMask mask_of(Category c) { return static_cast<CategoryMask>(1u << static_cast<unsigned>(c)); }

// "necessary", "functional", ... ; the names used in JSON, the CLI and the UI keys.
std::string_view category_name(Category c);
// Inverse of category_name; "social media" is accepted as an alias of social.
std::optional<Category> parse_category(std::string_view name);

}  // namespace warden
