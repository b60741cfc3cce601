// The default rule set: the embedded vendors.json and Open Cookie Database (default_rules.h).
#include "warden/default_rules.h"
#include "warden/engine_builder.h"
#include "warden/open_cookie_database.h"

namespace warden {

Status EngineBuilder::add_default_rules() {
  auto vendors = parse_vendor_database(default_vendor_database_json());
  if (!vendors.ok()) return vendors.status();
  auto imported = import_open_cookie_database(default_open_cookie_database_csv());
  if (!imported.ok()) return imported.status();
  add_vendors(*vendors);
  add_imported_vendors(imported->database);
  return Status::ok;
}

Result<std::vector<std::uint8_t>> build_default_engine() {
  EngineBuilder builder;
  if (Status s = builder.add_default_rules(); s != Status::ok)
    return {s, "the embedded default rules do not load: " + std::string(status_message(s))};
  return builder.build();
}

}  // namespace warden
