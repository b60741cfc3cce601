// restore_folder (section_restore.h): a folder the deletion moved into the journal goes back to
// where it was, by one rename (or a copy when the journal is on another file system).
#include <system_error>

#include <nlohmann/json.hpp>

#include "platform/path_presence.h"
#include "platform/path_text.h"
#include "undo/section_restore.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

// "folders/N" and nothing else: a journal never names a path outside itself.
bool is_saved_name(std::string_view saved) {
  constexpr std::string_view kPrefix = "folders/";
  if (!saved.starts_with(kPrefix) || saved.size() == kPrefix.size()) return false;
  return saved.substr(kPrefix.size()).find_first_not_of("0123456789") == std::string_view::npos;
}

bool move_back(const fs::path& saved, const fs::path& original, std::error_code& ec) {
  fs::rename(saved, original, ec);
  if (!ec || ec != std::errc::cross_device_link) return !ec;
  ec.clear();
  fs::copy(saved, original, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove_all(original, ignored);
    return false;
  }
  fs::remove_all(saved, ec);
  ec.clear();  // restored; a copy left in the journal goes with the journal
  return true;
}

}  // namespace

bool restore_folder(const nlohmann::json& section, const fs::path& journal_dir, bool dry_run, RestoreTally& tally,
                    SectionFailure& failure) {
  fs::path original = path_from_text(section.at("original").get<std::string>());
  std::string saved_name = section.at("saved").get<std::string>();
  if (!is_saved_name(saved_name) || !original.is_absolute())
    throw nlohmann::json::other_error::create(501, "not a journaled folder: " + section.dump(), &section);
  fs::path saved = journal_dir / path_from_text(saved_name);
  if (path_present(original)) {
    // The deletion stopped before moving it (or an earlier undo put it back): nothing to do. If
    // the browser made a new one since, that one is newer and stays.
    ++(path_present(saved) ? tally.conflicts : tally.present);
    return true;
  }
  if (!path_present(saved)) {
    failure = {SkipReason::not_present, "the journal has lost its copy of " + original.string()};
    return false;
  }
  if (dry_run) {
    ++tally.restored;
    return true;
  }
  std::error_code ec;
  if (!path_present(original.parent_path())) fs::create_directories(original.parent_path(), ec);
  if (ec || !move_back(saved, original, ec)) {
    failure = {SkipReason::io_error, "cannot put " + original.string() + " back: " + ec.message()};
    return false;
  }
  ++tally.restored;
  return true;
}

}  // namespace cookiewarden
