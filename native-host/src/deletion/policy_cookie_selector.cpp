#include "deletion/policy_cookie_selector.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "warden/url.h"

namespace cookiewarden {

void SweepTally::add(const SweepTally& other) {
  for (std::size_t i = 0; i < categories.size(); ++i) {
    categories[i].kept += other.categories[i].kept;
    categories[i].removed += other.categories[i].removed;
  }
  for (const auto& [vendor, count] : other.removed_by_vendor) removed_by_vendor[vendor] += count;
  unreadable += other.unreadable;
}

std::size_t SweepTally::kept() const {
  std::size_t total = unreadable;
  for (const Counts& c : categories) total += c.kept;
  return total;
}

std::size_t SweepTally::removed() const {
  std::size_t total = 0;
  for (const Counts& c : categories) total += c.removed;
  return total;
}

std::vector<std::pair<std::string, std::size_t>> SweepTally::top_vendors(std::size_t limit) const {
  std::vector<std::pair<std::string, std::size_t>> vendors(removed_by_vendor.begin(), removed_by_vendor.end());
  std::sort(vendors.begin(), vendors.end(),
            [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  if (vendors.size() > limit) vendors.resize(limit);
  return vendors;
}

bool PolicyCookieSelector::selects(const StoredCookieFields& cookie) {
  auto decision = engine_.decide(warden::StoredCookie{cookie.name, cookie.domain, cookie.path, cookie.partition}, policy_, context_);
  if (!decision.ok()) {
    ++tally_.unreadable;
    return false;
  }
  const warden::Classification& c = decision->classification;
  bool refused = decision->action == warden::Action::block;
  if (refused) {
    // The site whose choice applies, as the engine chose it: the partition's, else the cookie's own.
    std::string_view host = cookie.partition.empty() ? cookie.domain : origin_host(cookie.partition);
    if (host.starts_with('.')) host.remove_prefix(1);
    // A site that cannot be named cannot be checked against the keep-list: kept.
    refused = warden::normalize_host(host, host_) == warden::Status::ok && !policy_.kept(engine_.site_of(host_));
  }
  auto& counts = tally_.categories[static_cast<std::size_t>(c.category)];
  if (!refused) {
    ++counts.kept;
    return false;
  }
  ++counts.removed;
  ++tally_.removed_by_vendor[c.vendor.empty() ? std::string("(no vendor)") : std::string(c.vendor)];
  return true;
}

void to_json(nlohmann::json& out, const SweepTally& tally) {
  nlohmann::json categories = nlohmann::json::object();
  for (warden::Category c : warden::kAllCategories) {
    const auto& counts = tally.categories[static_cast<std::size_t>(c)];
    categories[std::string(warden::category_name(c))] = {{"kept", counts.kept}, {"removed", counts.removed}};
  }
  nlohmann::json vendors = nlohmann::json::array();
  for (const auto& [vendor, count] : tally.top_vendors(5)) vendors.push_back({{"vendor", vendor}, {"removed", count}});
  out = {{"kept", tally.kept()},
         {"removed", tally.removed()},
         {"unreadable", tally.unreadable},
         {"categories", std::move(categories)},
         {"top_vendors", std::move(vendors)}};
}

}  // namespace cookiewarden
