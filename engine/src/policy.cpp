#include "warden/policy.h"

#include <nlohmann/json.hpp>

namespace warden {
namespace {

using nlohmann::json;

constexpr std::string_view kActionError = " must be \"allow\" or \"block\"";

std::optional<Action> parse_action(const json& v) {
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  if (s == "allow") return Action::allow;
  if (s == "block") return Action::block;
  return std::nullopt;
}

Result<Policy> policy_error(std::string detail) { return {Status::invalid_policy, std::move(detail)}; }

bool is_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (char ch : label)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  return true;
}

// A site key as the extension writes it: lower-case ASCII (punycode) labels, at least two, the
// last of two characters or more (the schema's "site" pattern). Whether it is registrable needs the
// public suffix list, which the policy does not have: a host below a site never equals site_of()'s
// answer, so such a key only changes nothing.
bool is_site_name(std::string_view name) {
  if (name.size() > 253) return false;
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos || name.size() - dot - 1 < 2) return false;
  for (std::size_t from = 0;;) {
    auto end = name.find('.', from);
    if (!is_label(name.substr(from, end == std::string_view::npos ? end : end - from))) return false;
    if (end == std::string_view::npos) return true;
    from = end + 1;
  }
}

std::string site_name_error(std::string_view where, std::string_view name) {
  return std::string(where) + ": '" + std::string(name) + "' is not a site name such as shop.example";
}

// Reads {"category": "allow"|"block", ...} and hands each entry to `apply`. `unknown` is a
// category of its own only per site: the default for it is unknown_third_party.
template <class Apply>
std::optional<std::string> read_choices(const json& obj, const std::string& where, bool unknown_allowed, Apply apply) {
  if (!obj.is_object()) return where + " must be an object of category: \"allow\"|\"block\"";
  for (const auto& [key, value] : obj.items()) {
    auto category = parse_category(key);
    if (!category || category_name(*category) != key) return where + ": unknown category '" + key + "'";
    if (*category == Category::unknown && !unknown_allowed)
      return where + ".unknown: unclassified third parties are set by unknown_third_party";
    auto action = parse_action(value);
    if (!action) return where + "." + key + std::string(kActionError);
    if (*category == Category::necessary && *action == Action::block)
      return where + ".necessary: necessary can never be blocked";
    apply(*category, *action);
  }
  return std::nullopt;
}

std::optional<std::string> read_sites(const json& value, Policy& policy) {
  if (!value.is_object()) return "sites must be an object keyed by site";
  for (const auto& [site, choices] : value.items()) {
    if (!is_site_name(site)) return site_name_error("sites", site);
    auto error = read_choices(choices, "sites." + site, true,
                              [&, &key = site](Category c, Action a) { policy.set_site(key, c, a); });
    if (error) return error;
  }
  return std::nullopt;
}

std::optional<std::string> read_keep(const json& value, Policy& policy) {
  if (!value.is_array()) return "keep must be a list of sites";
  for (const auto& site : value) {
    if (!site.is_string() || !is_site_name(site.get_ref<const std::string&>()))
      return site_name_error("keep", site.is_string() ? site.get_ref<const std::string&>() : site.dump());
    policy.keep_site(site.get_ref<const std::string&>());
  }
  return std::nullopt;
}

std::optional<std::string> read_key(const std::string& key, const json& value, Policy& policy) {
  if (key == "defaults")
    return read_choices(value, "defaults", false, [&](Category c, Action a) { policy.set_default(c, a); });
  if (key == "sites") return read_sites(value, policy);
  if (key == "keep") return read_keep(value, policy);
  if (key == "unknown_third_party") {
    auto action = parse_action(value);
    if (!action) return key + std::string(kActionError);
    policy.set_unknown_third_party(*action);
    return std::nullopt;
  }
  return "unknown policy key '" + key + "' (the keys are defaults, sites, unknown_third_party, keep)";
}

}  // namespace

Policy Policy::allow_all() { return Policy{}; }

Policy Policy::necessary_only() {
  Policy p;
  for (auto c : kAllCategories)
    if (c != Category::unknown) p.set_default(c, Action::block);
  return p;
}

void Policy::set_default(Category c, Action a) { defaults_[static_cast<std::size_t>(c)] = a; }

void Policy::set_site(std::string_view site, Category c, std::optional<Action> a) {
  auto it = sites_.find(site);
  if (it == sites_.end()) {
    if (!a) return;
    it = sites_.emplace(std::string(site), CategoryChoices{}).first;
  }
  it->second[static_cast<std::size_t>(c)] = a;
  bool empty = true;
  for (const auto& choice : it->second) empty = empty && !choice;
  if (empty) sites_.erase(it);
}

void Policy::clear_site(std::string_view site) {
  if (auto it = sites_.find(site); it != sites_.end()) sites_.erase(it);
}

void Policy::keep_site(std::string_view site) {
  if (!kept_.contains(site)) kept_.emplace(site);
}

Action Policy::default_for(Category c) const {
  if (c == Category::necessary) return Action::allow;
  return defaults_[static_cast<std::size_t>(c)];
}

Action Policy::action_for(std::string_view site, Category c) const {
  if (c == Category::necessary) return Action::allow;
  if (auto it = sites_.find(site); it != sites_.end())
    if (const auto& choice = it->second[static_cast<std::size_t>(c)]) return *choice;
  return default_for(c);
}

bool Policy::keeps(std::string_view site, Category c) const {
  return kept(site) || action_for(site, c) == Action::allow;
}

Result<Policy> parse_policy(std::string_view text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return policy_error("the policy is not valid JSON");
  if (!doc.is_object()) return policy_error("the policy must be a JSON object");
  Policy policy;
  for (const auto& [key, value] : doc.items())
    if (auto error = read_key(key, value, policy)) return policy_error(*error);
  return policy;
}

std::string policy_to_json(const Policy& policy) {
  json defaults = json::object();
  for (auto c : kAllCategories)
    if (c != Category::unknown) defaults[std::string(category_name(c))] = action_name(policy.default_for(c));
  json sites = json::object();
  for (const auto& [site, choices] : policy.sites()) {
    json entry = json::object();
    for (auto c : kAllCategories)
      if (const auto& choice = choices[static_cast<std::size_t>(c)])
        entry[std::string(category_name(c))] = action_name(*choice);
    sites[site] = std::move(entry);
  }
  json doc = {{"defaults", std::move(defaults)},
              {"unknown_third_party", action_name(policy.unknown_third_party())},
              {"sites", std::move(sites)},
              {"keep", policy.kept_sites()}};
  return doc.dump();
}

}  // namespace warden
