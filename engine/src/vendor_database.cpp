#include "warden/vendor_database.h"

#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "warden/url.h"

namespace warden {
namespace {

using nlohmann::json;
using Error = std::optional<std::string>;

constexpr int kFormat = 1;

std::string in_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
}

// Strictness is deliberate: a misspelt key in a hand-written rule file would otherwise silently
// drop a rule, and a dropped rule means a tracker classified as unknown.
Error check_keys(const json& obj, std::initializer_list<std::string_view> allowed, const std::string& where) {
  for (const auto& item : obj.items()) {
    bool known = false;
    for (auto key : allowed) known = known || item.key() == key;
    if (!known) return where + ": unknown field " + in_quotes(item.key());
  }
  return std::nullopt;
}

Error read_string(const json& obj, std::string_view key, bool required, const std::string& where,
                  std::string& out) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) return where + ": missing field " + in_quotes(key);
    return std::nullopt;
  }
  if (!it->is_string()) return where + ": field " + in_quotes(key) + " must be a string";
  out = it->get<std::string>();
  return std::nullopt;
}

bool is_forbidden_in_cookie_name(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == ';' || c == '=';
}

bool is_forbidden_in_path(char c) {
  return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '#';
}

Error read_host_rule(const json& entry, const std::string& where, HostRule& out) {
  if (!entry.is_object()) return where + " must be an object {\"host\", \"path\"?}";
  if (auto e = check_keys(entry, {"host", "path"}, where)) return e;
  std::string raw;
  if (auto e = read_string(entry, "host", true, where, raw)) return e;
  if (normalize_host(raw, out.host) != Status::ok) return where + ".host: " + in_quotes(raw) + " is not a valid host";
  if (auto e = read_string(entry, "path", false, where, out.path_prefix)) return e;
  if (!out.path_prefix.empty()) {
    if (out.path_prefix.front() != '/') return where + ".path: " + in_quotes(out.path_prefix) + " must start with '/'";
    for (char c : out.path_prefix)
      if (is_forbidden_in_path(c)) return where + ".path: " + in_quotes(out.path_prefix) + " contains a space, control character or '#'";
    if (!path_wildcards_are_segments(out.path_prefix))
      return where + ".path: " + in_quotes(out.path_prefix) + " has a '*' that is not a whole path segment before any '?'";
  }
  return std::nullopt;
}

Error read_cookie_rule(const json& entry, const std::string& where, CookieRule& out) {
  if (!entry.is_object()) return where + " must be an object {\"name\", \"prefix\"?, \"domain\"?}";
  if (auto e = check_keys(entry, {"name", "prefix", "domain"}, where)) return e;
  if (auto e = read_string(entry, "name", true, where, out.name)) return e;
  if (out.name.empty()) return where + ".name must not be empty";
  for (char c : out.name)
    if (is_forbidden_in_cookie_name(c)) return where + ".name: " + in_quotes(out.name) + " contains ';', '=' or a control character";
  if (auto it = entry.find("prefix"); it != entry.end()) {
    if (!it->is_boolean()) return where + ".prefix must be true or false";
    out.prefix = it->get<bool>();
  }
  std::string raw;
  if (auto e = read_string(entry, "domain", false, where, raw)) return e;
  if (!raw.empty()) {
    // Cookie domains are written ".example.com" as often as "example.com"; both mean the same.
    std::string_view domain = raw;
    if (domain.front() == '.') domain.remove_prefix(1);
    if (normalize_host(domain, out.domain) != Status::ok) return where + ".domain: " + in_quotes(raw) + " is not a valid host";
  }
  return std::nullopt;
}

template <class Rule, class Reader>
Error read_rules(const json& vendor, std::string_view key, const std::string& where, Reader reader,
                 std::vector<Rule>& out) {
  auto it = vendor.find(key);
  if (it == vendor.end()) return std::nullopt;
  if (!it->is_array()) return where + ": field " + in_quotes(key) + " must be an array";
  out.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    Rule rule;
    if (auto e = reader((*it)[i], where + "." + std::string(key) + "[" + std::to_string(i) + "]", rule)) return e;
    out.push_back(std::move(rule));
  }
  return std::nullopt;
}

Error read_vendor(const json& entry, std::size_t index, Vendor& out) {
  std::string where = "vendors[" + std::to_string(index) + "]";
  if (!entry.is_object()) return where + " must be an object";
  if (auto e = read_string(entry, "id", true, where, out.id)) return e;
  if (out.id.empty()) return where + ": field 'id' must not be empty";
  where = "vendor " + in_quotes(out.id);
  if (auto e = check_keys(entry, {"id", "name", "category", "hosts", "cookies", "source"}, where)) return e;
  if (auto e = read_string(entry, "name", true, where, out.name)) return e;
  if (out.name.empty()) return where + ": field 'name' must not be empty";
  std::string category;
  if (auto e = read_string(entry, "category", true, where, category)) return e;
  auto parsed = parse_category(category);
  if (!parsed || *parsed == Category::unknown)
    return where + ".category: " + in_quotes(category) + " is not one of necessary, functional, analytics, social, marketing";
  out.category = *parsed;
  if (auto e = read_rules(entry, "hosts", where, read_host_rule, out.hosts)) return e;
  if (auto e = read_rules(entry, "cookies", where, read_cookie_rule, out.cookies)) return e;
  return read_string(entry, "source", false, where, out.source);
}

// Two vendors claiming the same host+path, or the same cookie rule, would make a classification
// depend on file order; the rule file must say which vendor owns it. Ids are unique by now.
Error find_conflict(const VendorDatabase& db) {
  std::map<std::pair<std::string_view, std::string_view>, std::string_view> host_owner;
  std::map<std::tuple<std::string_view, bool, std::string_view>, std::string_view> cookie_owner;
  for (const auto& v : db.vendors) {
    for (const auto& h : v.hosts) {
      auto [it, fresh] = host_owner.emplace(std::pair{std::string_view(h.host), std::string_view(h.path_prefix)}, v.id);
      if (!fresh && it->second != v.id)
        return "vendor " + in_quotes(v.id) + ": host rule " + in_quotes(h.host + h.path_prefix) + " is already claimed by vendor " + in_quotes(it->second);
    }
    for (const auto& c : v.cookies) {
      auto key = std::tuple{std::string_view(c.name), c.prefix, std::string_view(c.domain)};
      auto [it, fresh] = cookie_owner.emplace(key, v.id);
      if (!fresh && it->second != v.id)
        return "vendor " + in_quotes(v.id) + ": cookie rule " + in_quotes(c.name) + " is already claimed by vendor " + in_quotes(it->second);
    }
  }
  return std::nullopt;
}

json host_rule_to_json(const HostRule& rule) {
  json out = {{"host", rule.host}};
  if (!rule.path_prefix.empty()) out["path"] = rule.path_prefix;
  return out;
}

json cookie_rule_to_json(const CookieRule& rule) {
  json out = {{"name", rule.name}};
  if (rule.prefix) out["prefix"] = true;
  if (!rule.domain.empty()) out["domain"] = rule.domain;
  return out;
}

json vendor_to_json(const Vendor& v) {
  json out = {{"id", v.id}, {"name", v.name}, {"category", std::string(category_name(v.category))}};
  if (!v.hosts.empty()) {
    json hosts = json::array();
    for (const auto& h : v.hosts) hosts.push_back(host_rule_to_json(h));
    out["hosts"] = std::move(hosts);
  }
  if (!v.cookies.empty()) {
    json cookies = json::array();
    for (const auto& c : v.cookies) cookies.push_back(cookie_rule_to_json(c));
    out["cookies"] = std::move(cookies);
  }
  if (!v.source.empty()) out["source"] = v.source;
  return out;
}

}  // namespace

// A '*' stands for one whole path segment, never for part of a segment or of the query: matching
// stays one pass, without backtracking.
bool path_wildcards_are_segments(std::string_view path) {
  const std::size_t query = path.find('?');
  for (std::size_t i = path.find('*'); i != std::string_view::npos; i = path.find('*', i + 1)) {
    bool after_ok = i + 1 == path.size() || path[i + 1] == '/';
    if (i > query || i == 0 || path[i - 1] != '/' || !after_ok) return false;
  }
  return true;
}

Result<VendorDatabase> parse_vendor_database(std::string_view text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return {Status::invalid_json, "the vendor database is not valid JSON"};
  if (!doc.is_object()) return {Status::invalid_json, "the vendor database must be a JSON object"};
  if (auto e = check_keys(doc, {"format", "vendors"}, "vendor database")) return {Status::invalid_json, *e};
  auto format = doc.find("format");
  if (format == doc.end() || !format->is_number_integer() || format->get<long long>() != kFormat)
    return {Status::invalid_json, "vendor database: field 'format' must be " + std::to_string(kFormat)};
  auto vendors = doc.find("vendors");
  if (vendors == doc.end() || !vendors->is_array())
    return {Status::invalid_json, "vendor database: field 'vendors' must be an array"};

  VendorDatabase db;
  db.vendors.resize(vendors->size());
  std::set<std::string_view> ids;
  for (std::size_t i = 0; i < vendors->size(); ++i) {
    if (auto e = read_vendor((*vendors)[i], i, db.vendors[i])) return {Status::invalid_json, *e};
    if (!ids.insert(db.vendors[i].id).second)
      return {Status::invalid_json, "vendors[" + std::to_string(i) + "]: id " + in_quotes(db.vendors[i].id) + " is used twice"};
  }
  if (auto e = find_conflict(db)) return {Status::invalid_rule, *e};
  return db;
}

std::string vendor_database_to_json(const VendorDatabase& db) {
  json vendors = json::array();
  for (const auto& v : db.vendors) vendors.push_back(vendor_to_json(v));
  json doc = {{"format", kFormat}, {"vendors", std::move(vendors)}};
  // Strings may come from imported files; replacing invalid UTF-8 keeps dump() from throwing.
  return doc.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace warden
