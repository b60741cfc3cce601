// The human-readable form of site reports and deletion results, shared by `cookiewarden sites`
// and `cookiewarden delete`: one heading per profile, one line per store.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "deletion/site_deletion.h"

namespace cookiewarden::cli {

// "0 B", "512 B", "1.5 KB", "12.0 MB".
std::string human_bytes(std::uint64_t bytes);

// "3 cookies, 1 local storage key, 2 IndexedDB folders"; "nothing" when empty.
std::string item_summary(const StoreOutcome& outcome);

// "Chromium / Default" (the profile's display name and, when different, its id).
std::string profile_heading(const BrowserProfile& profile);

// One line per store: what it holds / deleted, or why it was skipped; cookie names listed.
void print_store_lines(const std::vector<StoreOutcome>& stores, std::ostream& out);

}  // namespace cookiewarden::cli
