// `cookiewarden classify`: NDJSON requests, cookie writes and stored cookies in, one decision per
// line out.
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "cli/arguments.h"
#include "cli/cli_command.h"
#include "cli/policy_option.h"
#include "platform/idna.h"
#include "rules/engine_loading.h"

namespace cookiewarden::cli {
namespace {

using nlohmann::json;

constexpr std::string_view kClassifyUsage = R"(Usage: cookiewarden classify [--engine FILE] [--policy FILE | --necessary-only] [--table]

Reads NDJSON on standard input, one object a line, either a request
  {"url": "https://www.google-analytics.com/g/collect", "top_url": "https://www.shop.example/", "type": "ping"}
  (optional "frame_url": the document that made the request; "type" is a webRequest type and defaults to "other")
or a cookie write
  {"cookie": {"name": "_ga", "domain": ".shop.example"}, "top_url": "https://www.shop.example/"}
  (optional "source": "http" | "script", "script_url")
or a cookie as a browser stores it (no page: an unpartitioned cookie is decided on its own
site, a partitioned one on its partition's site)
  {"stored_cookie": {"name": "IDE", "domain": ".doubleclick.net", "path": "/",
                     "partition_key": "https://shop.example"}}
  ("domain" with a leading dot for a domain cookie, without for a host-only one; "path"
  defaults to "/"; "partition_key" only for a partitioned cookie: "https://site", the
  (https,site) form Firefox writes, or "site")
and writes one line per input line, in the same order:
  {"action": "allow"|"block", "category": "...", "vendor": "..." or null, "rule": "..." or null}
A line that cannot be read gets {"error": "..."} and the run goes on.

Options:
  --engine FILE     a compiled engine from 'cookiewarden compile' (default: engine.bin beside
                    cookiewarden, the extension's rules with EasyList and EasyPrivacy; the
                    built-in vendor rules when it is not there)
  --policy FILE     a consent policy: the JSON the extension exports (defaults, sites,
                    unknown_third_party, keep; engine/policy.schema.json); a category missing
                    from defaults is allowed, so without --policy the output shows the classification
  --necessary-only  refuse functional, analytics, social and marketing; third parties no rule
                    classifies stay allowed (a policy file with "unknown_third_party": "block"
                    blocks them too)
  --table           a readable table instead of NDJSON
Hosts may be Unicode; they are converted to punycode (UTS #46) before classifying.
Exit status: 0 when every line was decided, 1 when some line had an error, 2 on bad options.
)";

// Owns the ASCII forms of a line's strings while the engine looks at them.
struct LineStrings {
  std::string url, top_url, frame_url, cookie_domain, script_url, partition_key;
};

std::optional<std::string> read_string(const json& obj, const char* key, bool required, std::string& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) return std::string("missing \"") + key + "\"";
    out.clear();
    return std::nullopt;
  }
  if (!it->is_string()) return std::string("\"") + key + "\" must be a string";
  out = it->get<std::string>();
  return std::nullopt;
}

std::optional<std::string> to_ascii_url(std::string& url) {
  if (url.empty()) return std::nullopt;
  auto ascii = url_to_ascii(url);
  if (!ascii.ok()) return ascii.detail();
  url = std::move(ascii).value();
  return std::nullopt;
}

warden::Result<warden::Decision> fail(std::string message) {
  return {warden::Status::invalid_argument, std::move(message)};
}

// A cookie domain with its leading dot (a domain cookie) kept, the host in punycode.
std::optional<std::string> to_ascii_cookie_domain(std::string& domain) {
  bool dot = !domain.empty() && domain.front() == '.';
  auto ascii = host_to_ascii(std::string_view(domain).substr(dot ? 1 : 0));
  if (!ascii.ok()) return ascii.detail();
  domain = (dot ? "." : "") + *ascii;
  return std::nullopt;
}

warden::Result<warden::Decision> decide_stored_cookie(const json& cookie, const warden::Engine& engine,
                                                      const warden::Policy& policy, LineStrings& s) {
  if (!cookie.is_object()) return fail("\"stored_cookie\" must be an object with \"name\" and \"domain\"");
  std::string name, path;
  if (auto e = read_string(cookie, "name", true, name)) return fail("stored_cookie: " + *e);
  if (auto e = read_string(cookie, "domain", true, s.cookie_domain)) return fail("stored_cookie: " + *e);
  if (auto e = read_string(cookie, "path", false, path)) return fail("stored_cookie: " + *e);
  if (auto e = read_string(cookie, "partition_key", false, s.partition_key)) return fail("stored_cookie: " + *e);
  if (auto e = to_ascii_cookie_domain(s.cookie_domain)) return fail(*e);
  return engine.decide(warden::StoredCookie{name, s.cookie_domain, path, s.partition_key}, policy);
}

warden::Result<warden::Decision> decide_line(const json& line, const warden::Engine& engine,
                                             const warden::Policy& policy, LineStrings& s) {
  if (!line.is_object()) return fail("each line must be a JSON object");
  if (auto stored = line.find("stored_cookie"); stored != line.end())
    return decide_stored_cookie(*stored, engine, policy, s);
  if (auto e = read_string(line, "top_url", true, s.top_url)) return fail(*e);
  if (auto e = to_ascii_url(s.top_url)) return fail(*e);

  if (auto cookie = line.find("cookie"); cookie != line.end()) {
    if (!cookie->is_object()) return fail("\"cookie\" must be an object with \"name\" and \"domain\"");
    std::string name, source;
    if (auto e = read_string(*cookie, "name", true, name)) return fail("cookie: " + *e);
    if (auto e = read_string(*cookie, "domain", true, s.cookie_domain)) return fail("cookie: " + *e);
    if (auto e = read_string(line, "source", false, source)) return fail(*e);
    if (auto e = read_string(line, "script_url", false, s.script_url)) return fail(*e);
    if (auto e = to_ascii_url(s.script_url)) return fail(*e);
    if (auto e = to_ascii_cookie_domain(s.cookie_domain)) return fail(*e);
    if (!source.empty() && source != "http" && source != "script") return fail("\"source\" must be \"http\" or \"script\"");
    warden::CookieWrite write{name, s.cookie_domain, s.top_url,
                              source == "script" ? warden::CookieSource::script : warden::CookieSource::http, s.script_url};
    return engine.decide(write, policy);
  }

  std::string type_name;
  if (auto e = read_string(line, "url", true, s.url)) return fail(*e + " (a request needs \"url\", a cookie write \"cookie\")");
  if (auto e = read_string(line, "frame_url", false, s.frame_url)) return fail(*e);
  if (auto e = read_string(line, "type", false, type_name)) return fail(*e);
  if (auto e = to_ascii_url(s.url)) return fail(*e);
  if (auto e = to_ascii_url(s.frame_url)) return fail(*e);
  auto type = type_name.empty() ? std::optional(warden::ResourceType::other) : warden::parse_resource_type(type_name);
  if (!type) return fail("unknown resource type '" + type_name + "'");
  return engine.decide(warden::Request{s.url, s.top_url, s.frame_url, *type}, policy);
}

json nullable(std::string_view s) { return s.empty() ? json(nullptr) : json(std::string(s)); }

json decision_json(const warden::Engine& engine, const warden::Decision& d) {
  return {{"action", warden::action_name(d.action)},
          {"category", warden::category_name(d.classification.category)},
          {"vendor", nullable(d.classification.vendor)},
          {"rule", nullable(engine.rule_text(d.classification.rule))}};
}

std::string string_or(const json& obj, const char* key, const char* fallback) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string subject_of(const json& line) {
  if (!line.is_object()) return "?";
  if (auto c = line.find("cookie"); c != line.end() && c->is_object())
    return "cookie " + string_or(*c, "name", "?") + " @ " + string_or(*c, "domain", "?");
  if (auto c = line.find("stored_cookie"); c != line.end() && c->is_object())
    return "stored cookie " + string_or(*c, "name", "?") + " @ " + string_or(*c, "domain", "?") +
           string_or(*c, "path", "");
  return string_or(line, "url", "?");
}

// A table cell: cut to `width` - 1 characters so columns stay aligned, then padded.
std::string cell(const std::string& text, std::size_t width) {
  std::string shown = text.size() < width ? text : text.substr(0, width - 4) + "...";
  shown.resize(width, ' ');
  return shown;
}

void print_table_row(std::ostream& out, const std::string& subject, const json& reply) {
  out << cell(subject, 62);
  if (reply.contains("error")) {
    out << "error: " << reply["error"].get<std::string>() << "\n";
    return;
  }
  auto text = [](const json& v) { return v.is_null() ? std::string("-") : v.get<std::string>(); };
  out << cell(text(reply["action"]), 7) << cell(text(reply["category"]), 12) << cell(text(reply["vendor"]), 30)
      << text(reply["rule"]) << "\n";
}

int run_classify(std::span<const std::string_view> args, Io io) {
  auto parsed = Arguments::parse(args, {{"--necessary-only", "--table"}, {"--engine", "--policy"}, 0});
  if (!parsed.ok()) {
    io.err << "cookiewarden classify: " << parsed.detail() << "\n";
    return kExitUsage;
  }
  auto policy = load_policy(parsed->value("--policy"), parsed->has("--necessary-only"));
  if (!policy.ok()) {
    io.err << "cookiewarden classify: " << policy.detail() << "\n";
    return policy.status() == warden::Status::invalid_argument ? kExitUsage : kExitFailure;
  }
  auto loaded = load_engine(parsed->value("--engine"));
  if (!loaded.ok()) {
    io.err << "cookiewarden classify: " << loaded.detail() << "\n";
    return kExitFailure;
  }
  const warden::Engine& engine = *(*loaded)->engine;
  bool table = parsed->has("--table");
  if (table)
    io.out << cell("REQUEST / COOKIE", 62) << cell("ACTION", 7) << cell("CATEGORY", 12) << cell("VENDOR", 30)
           << "RULE\n";

  LineStrings strings;
  std::string text;
  bool any_error = false;
  while (std::getline(io.in, text)) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    json line = json::parse(text, nullptr, /*allow_exceptions=*/false);
    json reply;
    if (line.is_discarded()) {
      reply = {{"error", text.empty() ? "empty line" : "not valid JSON"}};
    } else {
      auto decision = decide_line(line, engine, *policy, strings);
      reply = decision.ok() ? decision_json(engine, *decision) : json{{"error", decision.detail()}};
    }
    any_error = any_error || reply.contains("error");
    if (table) print_table_row(io.out, line.is_discarded() ? text : subject_of(line), reply);
    else io.out << reply.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  }
  io.out.flush();
  return any_error ? kExitFailure : kExitOk;
}

}  // namespace

extern const CliCommand kClassifyCommand{"classify", "decide requests, cookie writes and stored cookies (NDJSON in, NDJSON out)",
                                         kClassifyUsage, run_classify};

}  // namespace cookiewarden::cli
