// What the Chromium and Firefox cookie stores share: finding the rows a CookieSelector selects in
// a cookie table (a site's rows by host and by the partition a third party wrote them under, or a
// sweep's refused rows) and listing its domains. Each store describes its table; the finding and
// the row shape are one code path.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "deletion/cookie_selector.h"
#include "stores/sqlite_row_deletion.h"

namespace cookiewarden {

struct CookieTableLayout {
  std::string_view table;             // "cookies", "moz_cookies"
  std::string_view host_column;       // "host_key", "host"
  std::string_view partition_column;  // "top_frame_site_key", "originAttributes" (may be absent in old schemas)
  std::string_view partitioned_rows;  // SQL condition selecting the partitioned rows
  // The partition as the store reports it ("" when the row is not partitioned).
  std::string (*partition_of)(std::string_view column_value);
};

// Appends the rows of `layout.table` that `selector` selects. Candidates come from a cheap suffix
// test in SQL (selector.domain_suffix()); the selector has the last word on each. `with_columns`:
// each row also carries its every column (MatchedRow::columns), for a journal; a dry run or an
// inspection needs none.
SqliteError find_cookie_rows(SqliteDatabase& db, const CookieTableLayout& layout, CookieSelector& selector,
                             std::vector<MatchedRow>& rows, bool with_columns);

// Every row's host column, for `sites` without a site; empty when the file cannot be read.
std::vector<std::string> cookie_table_domains(const std::filesystem::path& file, const CookieTableLayout& layout);

}  // namespace cookiewarden
