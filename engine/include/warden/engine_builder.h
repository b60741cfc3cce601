// Builds the compiled engine buffer (see engine.h) from rule sources.
//
//   EngineBuilder b;
//   b.add_default_rules();                                  // vendors.json + Open Cookie Database
//   b.add_filter_list("easyprivacy", text, Category::analytics);
//   auto buffer = b.build();                                // one allocation, exact size
//   auto engine = Engine::load(*buffer);
//
// Precedence encoded in the buffer (see engine.h): vendor rules over list rules; curated vendor
// cookie rules over imported ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "warden/category.h"
#include "warden/filter_list.h"
#include "warden/status.h"
#include "warden/vendor_database.h"

namespace warden {

class EngineBuilder {
 public:
  // Hand-written vendor rules (engine/rules/vendors.json or a user's file).
  void add_vendors(const VendorDatabase& db);
  // Rules from a third-party database (the Open Cookie Database import): they rank below every
  // curated cookie rule.
  void add_imported_vendors(const VendorDatabase& db);
  // The embedded default rules (default_rules.h): vendors.json, then the Open Cookie Database.
  Status add_default_rules();
  FilterListReport add_filter_list(std::string_view name, std::string_view text, Category category);
  // Replaces the built-in list (for tests, or a fresher copy).
  Status set_public_suffix_list(std::string_view dat_text);

  // Serialises everything into one buffer, allocated once at its exact size. Fails with
  // invalid_rule when a vendor rule is unusable (bad host, oversized text).
  Result<std::vector<std::uint8_t>> build() const;

 private:
  struct VendorEntry {
    Vendor vendor;
    bool imported = false;
  };
  std::vector<VendorEntry> vendors_;
  std::vector<std::uint8_t> psl_blob_;  // empty: the built-in list
  struct PendingList {
    FilterListReport report;
    std::vector<NetworkFilter> filters;
  };
  std::vector<PendingList> lists_;
};

// The engine the CLI and the extension use when given no rules of their own: default rules and
// the built-in public suffix list.
Result<std::vector<std::uint8_t>> build_default_engine();

}  // namespace warden
