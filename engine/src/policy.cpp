#include "warden/policy.h"

#include <nlohmann/json.hpp>

namespace warden {
namespace {

using nlohmann::json;

std::optional<Action> parse_action(const json& v) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "allow") return Action::allow;
    if (s == "block") return Action::block;
  }
  if (v.is_boolean()) return v.get<bool>() ? Action::allow : Action::block;
  return std::nullopt;
}

Result<Policy> policy_error(std::string detail) { return {Status::invalid_policy, std::move(detail)}; }

// Reads {"category": "allow"|"block"|true|false, ...} and hands each entry to `apply`.
template <class Apply>
std::optional<std::string> read_choices(const json& obj, std::string_view where, Apply apply) {
  if (!obj.is_object()) return std::string(where) + " must be an object of category: \"allow\"|\"block\"";
  for (const auto& [key, value] : obj.items()) {
    auto category = parse_category(key);
    if (!category) return std::string(where) + ": unknown category '" + key + "'";
    auto action = parse_action(value);
    if (!action) return std::string(where) + "." + key + " must be \"allow\" or \"block\"";
    apply(*category, *action);
  }
  return std::nullopt;
}

}  // namespace

Policy Policy::allow_all() { return Policy{}; }

Policy Policy::necessary_only() {
  Policy p;
  for (auto c : kAllCategories)
    if (c != Category::unknown) p.set_default(c, Action::block);
  return p;
}

// `unknown` only ever describes third-party resources nobody classified (first-party ones are
// necessary), so its default and unknown_third_party are one setting.
void Policy::set_default(Category c, Action a) {
  if (c == Category::unknown) unknown_third_party_ = a;
  else defaults_[static_cast<std::size_t>(c)] = a;
}

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

Action Policy::default_for(Category c) const {
  if (c == Category::necessary) return Action::allow;
  if (c == Category::unknown) return unknown_third_party_;
  return defaults_[static_cast<std::size_t>(c)];
}

Action Policy::action_for(std::string_view site, Category c) const {
  if (c == Category::necessary) return Action::allow;
  if (auto it = sites_.find(site); it != sites_.end())
    if (const auto& choice = it->second[static_cast<std::size_t>(c)]) return *choice;
  return default_for(c);
}

Result<Policy> parse_policy(std::string_view text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return policy_error("the policy is not valid JSON");
  if (!doc.is_object()) return policy_error("the policy must be a JSON object");
  Policy policy;
  for (const auto& [key, value] : doc.items()) {
    std::optional<std::string> error;
    if (key == "defaults") {
      error = read_choices(value, "defaults", [&](Category c, Action a) { policy.set_default(c, a); });
    } else if (key == "unknown_third_party") {
      auto action = parse_action(value);
      if (!action) error = "unknown_third_party must be \"allow\" or \"block\"";
      else policy.set_unknown_third_party(*action);
    } else if (key == "sites") {
      if (!value.is_object()) {
        error = "sites must be an object keyed by site";
      } else {
        for (const auto& [site, choices] : value.items()) {
          error = read_choices(choices, "sites." + site,
                               [&, &site_key = site](Category c, Action a) { policy.set_site(site_key, c, a); });
          if (error) break;
        }
      }
    } else {
      error = "unknown policy key '" + key + "'";
    }
    if (error) return policy_error(*error);
  }
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
              {"sites", std::move(sites)}};
  return doc.dump();
}

}  // namespace warden
