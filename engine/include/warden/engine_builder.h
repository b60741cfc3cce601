// Builds the compiled engine buffer (see engine.h) from rule sources.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "warden/category.h"
#include "warden/status.h"
#include "warden/vendor_database.h"

namespace warden {

// What loading one filter list did: how many rules became engine rules, and how many were
// skipped, by reason ("cosmetic", "unsupported option $redirect", ...).
struct FilterListReport {
  std::string name;
  Category category = Category::unknown;
  std::size_t lines = 0;
  std::size_t loaded = 0;
  std::map<std::string, std::size_t> skipped;
};

class EngineBuilder {
 public:
  void add_vendors(const VendorDatabase& db);
  FilterListReport add_filter_list(std::string_view name, std::string_view text, Category category);
  // Replaces the built-in list (for tests, or a fresher copy).
  Status set_public_suffix_list(std::string_view dat_text);

  // Serialises everything into one buffer, allocated once at its exact size.
  Result<std::vector<std::uint8_t>> build() const;

 private:
  std::vector<Vendor> vendors_;
  std::vector<std::string> psl_override_;  // at most one element
  struct PendingList {
    std::string name;
    Category category;
    std::string text;
  };
  std::vector<PendingList> lists_;
};

}  // namespace warden
