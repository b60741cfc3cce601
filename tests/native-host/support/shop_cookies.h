// Test support for sweeps: two shops' cookies (and a pinned site's, and an ad cookie partitioned
// under shop-a) added to the fake home's real Chromium and Firefox cookie files the way the
// browsers store them (an existing row copied, its host, name and partition changed), and the
// policy the tests sweep with.
#pragma once

#include <string>
#include <vector>

#include "fake_profiles.h"

namespace cookiewarden::test {

// Each shop's cookies: a session and a CSRF cookie, a basket cookie no rule knows, and four of
// Google's and Meta's.
inline const std::vector<std::string> kShopCookies{"sessionid", "csrftoken", "basket", "_ga", "_gid", "_fbp", "_gcl_au"};

// A copy of the file's first row under another host, name and partition.
inline void add_row(RawDb& db, const std::string& table, const std::string& host_column, const std::string& partition_column,
                    const std::string& host, const std::string& name, const std::string& partition) {
  db.exec("CREATE TEMP TABLE r AS SELECT * FROM " + table + " LIMIT 1");
  db.exec("UPDATE temp.r SET " + host_column + " = '" + host + "', name = '" + name + "', " + partition_column +
          " = '" + partition + "'");
  if (table == "moz_cookies") db.exec("UPDATE temp.r SET id = (SELECT max(id) + 1 FROM main.moz_cookies)");
  db.exec("INSERT INTO main." + table + " SELECT * FROM temp.r");
  db.exec("DROP TABLE temp.r");
}

inline void add_shops(const FakeHome& home) {
  RawDb chromium(home.chromium_profile() / "Cookies"), firefox(home.firefox_profile() / "cookies.sqlite");
  for (const char* shop : {".shop-a.test", ".shop-b.test", ".pinned.test"})
    for (const auto& name : kShopCookies) {
      add_row(chromium, "cookies", "host_key", "top_frame_site_key", shop, name, "");
      add_row(firefox, "moz_cookies", "host", "originAttributes", shop, name, "");
    }
  // A marketing cookie a third party set while shop-a was the top-level page (CHIPS, Total
  // Cookie Protection): its partition's choice applies, and shop-a allows analytics only.
  add_row(chromium, "cookies", "host_key", "top_frame_site_key", ".doubleclick.net", "IDE", "https://shop-a.test");
  add_row(firefox, "moz_cookies", "host", "originAttributes", ".doubleclick.net", "IDE",
          "^partitionKey=%28https%2Cshop-a.test%29");
}

inline constexpr const char* kPolicy =
    R"({"defaults": {"functional": "block", "analytics": "block", "social": "block", "marketing": "block"},
        "sites": {"shop-a.test": {"analytics": "allow"}}, "keep": ["pinned.test"]})";

inline fs::path write_policy(const FakeHome& home) {
  fs::path file = home.home() / "policy.json";
  write_file(file, kPolicy);
  return file;
}

}  // namespace cookiewarden::test
