// restore_binarycookies_records (section_restore.h): journaled Safari cookie records back into
// their Cookies.binarycookies file, through the writer that removed them.
#include <nlohmann/json.hpp>

#include "platform/path_text.h"
#include "stores/safari_cookies.h"
#include "undo/journal_format.h"
#include "undo/section_restore.h"

namespace cookiewarden {
namespace {

std::vector<PlacedBinaryCookie> parse_records(const nlohmann::json& section) {
  std::vector<PlacedBinaryCookie> records;
  for (const auto& r : section.at("records")) {
    PlacedBinaryCookie& placed = records.emplace_back();
    placed.source_page = r.at("source_page").get<std::size_t>();
    placed.page = r.at("page").get<std::size_t>();
    placed.page_kept = r.at("page_kept").get<bool>();
    placed.index = r.at("index").get<std::size_t>();
    std::string bytes;
    if (!hex_decode(r.at("bytes").get<std::string>(), bytes))
      throw nlohmann::json::other_error::create(501, "a journaled cookie record is not hex", &r);
    placed.bytes.assign(bytes.begin(), bytes.end());
  }
  return records;
}

}  // namespace

bool restore_binarycookies_records(const nlohmann::json& section, bool dry_run, RestoreTally& tally,
                                   SectionFailure& failure) {
  std::vector<PlacedBinaryCookie> records = parse_records(section);
  std::filesystem::path file = path_from_text(section.at("file").get<std::string>());
  BinaryCookiesRestoreResult result = restore_to_binarycookies_file(file, records, dry_run);
  if (!result.ok()) {
    failure = {result.skipped, result.message};
    return false;
  }
  tally.restored += result.restored;
  tally.present += result.present;
  tally.conflicts += result.conflicts;
  return true;
}

}  // namespace cookiewarden
