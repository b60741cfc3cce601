#include "warden/open_cookie_database.h"

#include <array>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "warden/url.h"

namespace warden {
namespace {

// RFC 4180 records plus the liberties real files take: LF or a lone CR as line end, and a quote
// inside an unquoted field taken literally. Quoted fields may hold commas, doubled quotes and
// line breaks.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Reads the next record; false at the end of input or on malformed input (see error()).
  bool next(std::vector<std::string>& fields) {
    fields.clear();
    if (pos_ >= text_.size() || !error_.empty()) return false;
    record_line_ = line_;
    while (true) {
      std::string& field = fields.emplace_back();
      if (!(peek() == '"' ? read_quoted(field) : read_unquoted(field))) return false;
      if (pos_ >= text_.size()) return true;
      char c = text_[pos_++];
      if (c == ',') {
        if (pos_ < text_.size()) continue;
        fields.emplace_back();  // "a," ends with an empty field
        return true;
      }
      if (c == '\r' && peek() == '\n') ++pos_;
      ++line_;
      return true;
    }
  }

  const std::string& error() const { return error_; }
  std::size_t record_line() const { return record_line_; }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  bool read_unquoted(std::string& field) {
    std::size_t end = text_.find_first_of(",\r\n", pos_);
    if (end == std::string_view::npos) end = text_.size();
    field.assign(text_.substr(pos_, end - pos_));
    pos_ = end;
    return true;
  }

  bool read_quoted(std::string& field) {
    std::size_t start_line = line_;
    ++pos_;  // opening quote
    while (true) {
      std::size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos) {
        error_ = "line " + std::to_string(start_line) + ": quoted field is not closed";
        return false;
      }
      std::string_view chunk = text_.substr(pos_, quote - pos_);
      line_ += count_line_breaks(chunk);
      field.append(chunk);
      pos_ = quote + 1;
      if (peek() != '"') break;
      field.push_back('"');  // "" inside a quoted field
      ++pos_;
    }
    char c = peek();
    if (pos_ < text_.size() && c != ',' && c != '\r' && c != '\n') {
      error_ = "line " + std::to_string(line_) + ": unexpected text after a closing quote";
      return false;
    }
    return true;
  }

  static std::size_t count_line_breaks(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++n;
    return n;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 1;
  std::string error_;
};

enum Column { kPlatform, kCategory, kName, kDomain, kWildcard, kColumnCount };

constexpr std::array<std::string_view, kColumnCount> kColumnNames{
    "Platform", "Category", "Cookie / Data Key name", "Domain", "Wildcard match"};

using ColumnIndex = std::array<std::size_t, kColumnCount>;

// The database's "Functional" holds what a site cannot work without (sessions, CSRF, load
// balancing, consent records) and, by the seed's taxonomy, what is not necessary at all: the
// state of chat widgets, embedded players and preference tools (functional), and the technical
// cookies of analytics and advertising tools, which serve those tools' purpose. Such rows take the
// purpose of their platform's service; every other Functional row stays necessary.
struct FunctionalPurpose {
  std::string_view platform;
  std::string_view name;  // empty: every Functional row of the platform
  Category category;
};

constexpr FunctionalPurpose kFunctionalPurposes[] = {
    // Chat and support widgets.
    {"Tawk.to Chat", "", Category::functional},
    {"Tawk.to", "", Category::functional},
    {"Crisp", "", Category::functional},
    {"Drift", "", Category::functional},
    {"Livechat", "", Category::functional},
    {"LiveChat", "", Category::functional},
    {"Live helper chat", "", Category::functional},
    {"LiveZilla GmbH", "", Category::functional},
    {"SnapEngage", "", Category::functional},
    {"Belco", "", Category::functional},
    {"Channel.me", "", Category::functional},
    // Zendesk's help-center and community sessions are necessary there; its Web Widget's are not.
    {"Zendesk", "zte2095", Category::functional},
    {"Zendesk", "__zlcmid", Category::functional},
    {"Zendesk", "__zlcprivacy", Category::functional},
    {"Zendesk", "_answer_bot_service_session", Category::functional},
    {"Zendesk", "ZD-zE_oauth", Category::functional},
    {"Zendesk", "ZD-settings", Category::functional},
    {"Zendesk", "ZD-store", Category::functional},
    {"Zendesk", "ZD-widgetOpen", Category::functional},
    {"Zendesk", "ZD-launcherLabelRemoved", Category::functional},
    {"Zendesk", "_zdsession_talk_embeddables_service", Category::functional},
    {"Hubspot", "hs-messages-is-open", Category::functional},
    {"Hubspot", "hs-messages-hide-welcome-message", Category::functional},
    {"Hubspot", "hs_langswitcher_choice", Category::functional},
    // Embedded players and content.
    {"Youtube", "", Category::functional},
    {"Vimeo", "", Category::functional},
    {"Spotify", "", Category::functional},
    {"Wistia", "", Category::functional},
    {"Twitch", "", Category::functional},
    {"Codepen", "", Category::functional},
    {"Typeform", "", Category::functional},
    {"Flowbox", "", Category::functional},
    // Preferences and optional features the person uses.
    {"Polylang", "", Category::functional},
    {"WPML", "", Category::functional},
    {"Swym", "", Category::functional},
    {"Easysize.me", "", Category::functional},
    {"Browser-Update.org", "", Category::functional},
    {"Kiyoh", "", Category::functional},
    {"FeedbackCompany", "", Category::functional},
    // Measurement tools: their session and sampling cookies serve the measurement.
    {"Hotjar", "", Category::analytics},
    {"Parse.ly", "", Category::analytics},
    {"Google Optimize", "", Category::analytics},
    {"Sooqr", "", Category::analytics},
    // Advertising technology: frequency, sync and ad-server cookies serve the ads.
    {"PubMatic", "", Category::marketing},
    {"Taboola", "", Category::marketing},
    {"Ezoic", "", Category::marketing},
    {"Google AdSense", "", Category::marketing},
    {"DoubleClick/Google Marketing", "", Category::marketing},
    {"Xandr", "", Category::marketing},
    {"Smartadserver", "", Category::marketing},
    {"Permutive", "", Category::marketing},
    {"CreativeCDN", "", Category::marketing},
    {"betweendigital.com", "", Category::marketing},
    {"Fastclick", "", Category::marketing},
    {"Squeezely", "", Category::marketing},
    {"Adcalls", "", Category::marketing},
    {"Braze", "", Category::marketing},
};

// The category of a "Functional" row (see kFunctionalPurposes).
Category functional_row_category(std::string_view platform, std::string_view name) {
  for (const auto& p : kFunctionalPurposes)
    if (p.platform == platform && (p.name.empty() || p.name == name)) return p.category;
  return Category::necessary;
}

std::optional<Category> map_category(std::string_view ocd) {
  if (ocd == "Functional" || ocd == "Security" || ocd == "Necessary") return Category::necessary;
  if (ocd == "Personalization") return Category::functional;
  if (ocd == "Analytics") return Category::analytics;
  if (ocd == "Marketing") return Category::marketing;
  return std::nullopt;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Trims ASCII white space and U+200B ZERO WIDTH SPACE, both found around OCD values.
std::string_view trim_value(std::string_view s) {
  constexpr std::string_view kZeroWidthSpace = "\xE2\x80\x8B";
  while (true) {
    std::size_t before = s.size();
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    if (s.substr(0, 3) == kZeroWidthSpace) s.remove_prefix(3);
    if (s.size() >= 3 && s.substr(s.size() - 3) == kZeroWidthSpace) s.remove_suffix(3);
    if (s.size() == before) return s;
  }
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_cookie_token(std::string_view name) {
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == ';' || c == '=' || c == ',') return false;
  }
  return !name.empty();
}

struct NameRule {
  std::string name;
  bool prefix = false;
};

// Placeholders the database writes for the variable part of a name.
std::optional<NameRule> read_name(std::string_view raw, bool wildcard) {
  std::string_view name = trim_value(raw);
  bool prefix = wildcard;
  if (ends_with(name, "*")) {
    name.remove_suffix(1);
    prefix = true;
  } else if (ends_with(name, "NNN")) {
    name.remove_suffix(3);
    prefix = true;
  } else if (ends_with(name, "%") && name.find('%') != name.size() - 1) {
    name = name.substr(0, name.find('%'));
    prefix = true;
  }
  if (ends_with(name, "_")) prefix = true;
  if (!is_cookie_token(name)) return std::nullopt;
  return NameRule{std::string(name), prefix};
}

// "facebook.com (3rd party)", ".bing.com (3rd party) or .microsoft.com (3rd party)",
// "ads-[account].adhese.com" -> hosts.
std::vector<std::string> read_domains(std::string_view raw) {
  std::vector<std::string> hosts;
  std::string text(raw);
  for (std::size_t at; (at = text.find("(3rd party)")) != std::string::npos;) text.erase(at, 11);
  std::string_view rest = text;
  while (!rest.empty()) {
    std::size_t split = rest.find(" or ");
    std::string_view piece = trim_value(rest.substr(0, split));
    rest = split == std::string_view::npos ? std::string_view{} : rest.substr(split + 4);
    if (!piece.empty() && piece.front() == '.') piece.remove_prefix(1);
    std::size_t placeholder = piece.find(']');
    if (piece.find('[') != std::string_view::npos && placeholder != std::string_view::npos) {
      std::size_t dot = piece.find('.', placeholder);
      piece = dot == std::string_view::npos ? std::string_view{} : piece.substr(dot + 1);
    }
    std::string host;
    if (!piece.empty() && normalize_host(piece, host) == Status::ok) hosts.push_back(std::move(host));
  }
  return hosts;
}

std::string folded(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '_' && c != '-' && c != '.' && c != ' ') out.push_back(to_lower(c));
  return out;
}

// Words sites use for their own cookies, compared after folded().
constexpr std::string_view kCommonWords[] = {
    "session",  "sessionid", "sessid",    "sid",        "token",     "csrf",     "csrftoken", "xsrftoken",
    "locale",   "lang",      "language",  "country",    "region",    "currency", "timezone",  "id",
    "uid",      "userid",    "user",      "username",   "visitor",   "visitorid", "deviceid", "device",
    "consent",  "test",      "debug",     "theme",      "cart",      "search",   "source",    "referrer",
    "ref",      "auth",      "login",     "remember",   "rememberme", "state",   "cookie",    "cookies",
    "tracking", "data",      "name",      "time",       "timestamp", "page"};

bool is_generic(std::string_view name, bool prefix, std::string_view platform) {
  if (name.size() <= 2 || (name.size() <= 3 && (name.front() != '_' || prefix))) return true;
  std::string key = folded(name);
  for (auto word : kCommonWords)
    if (key == word) return true;
  bool word_only = true;
  for (char c : name) word_only = word_only && is_lower(c);
  if (!word_only) return false;
  std::string brand = folded(platform);
  return brand.size() < 4 || name.find(brand) == std::string_view::npos;
}

std::string slug(std::string_view platform) {
  std::string out;
  for (char c : platform) {
    char l = to_lower(c);
    bool keep = is_lower(l) || (l >= '0' && l <= '9') || static_cast<unsigned char>(l) >= 0x80;
    if (keep) out.push_back(l);
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "unnamed" : out;
}

class Importer {
 public:
  explicit Importer(const ColumnIndex& columns) : columns_(columns) {}

  void add_row(const std::vector<std::string>& fields, std::size_t header_size) {
    ++result_.rows;
    if (fields.size() != header_size) return skip("wrong number of fields");
    std::string_view ocd_category = trim_value(fields[columns_[kCategory]]);
    auto category = map_category(ocd_category);
    if (!category) return skip("unknown category");
    std::string_view platform = trim_value(fields[columns_[kPlatform]]);
    bool wildcard = trim_value(fields[columns_[kWildcard]]) == "1";
    auto name = read_name(fields[columns_[kName]], wildcard);
    if (!name) return skip("name is empty or not a cookie token");
    if (ocd_category == "Functional") category = functional_row_category(platform, trim_value(fields[columns_[kName]]));
    std::vector<std::string> domains = read_domains(fields[columns_[kDomain]]);
    if (is_generic(name->name, name->prefix, platform)) {
      if (domains.empty()) return skip("generic name without a domain");
    } else {
      domains = {std::string()};  // distinctive: one name-only rule
    }
    std::size_t added = 0;
    for (auto& domain : domains) added += add_rule(platform, *category, *name, std::move(domain));
    if (added == 0) return skip("duplicate of an earlier row");
    ++result_.imported;
  }

  OpenCookieImport take() && { return std::move(result_); }

 private:
  void skip(const char* reason) {
    ++result_.skipped;
    ++result_.skipped_by_reason[reason];
  }

  bool add_rule(std::string_view platform, Category category, const NameRule& name, std::string domain) {
    if (!claimed_.emplace(name.name, name.prefix, domain).second) return false;
    Vendor& v = vendor_for(platform, category);
    v.cookies.push_back(CookieRule{name.name, name.prefix, std::move(domain)});
    return true;
  }

  Vendor& vendor_for(std::string_view platform, Category category) {
    std::string id = "ocd-" + slug(platform) + "-" + std::string(category_name(category));
    auto [it, fresh] = vendor_index_.emplace(id, result_.database.vendors.size());
    if (fresh) {
      Vendor v;
      v.id = std::move(id);
      v.name = platform.empty() ? "Unnamed platform" : std::string(platform);
      v.category = category;
      v.source = "Open Cookie Database (Apache-2.0), platform '" + v.name + "'";
      result_.database.vendors.push_back(std::move(v));
    }
    return result_.database.vendors[it->second];
  }

  ColumnIndex columns_;
  OpenCookieImport result_;
  std::map<std::string, std::size_t> vendor_index_;
  std::set<std::tuple<std::string, bool, std::string>> claimed_;
};

std::optional<std::string> find_columns(const std::vector<std::string>& header, ColumnIndex& out) {
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    out[c] = header.size();
    for (std::size_t i = 0; i < header.size(); ++i)
      if (trim_value(header[i]) == kColumnNames[c]) out[c] = i;
    if (out[c] == header.size())
      return "not an Open Cookie Database CSV: column '" + std::string(kColumnNames[c]) + "' is missing";
  }
  return std::nullopt;
}

bool is_blank(const std::vector<std::string>& fields) { return fields.size() == 1 && trim_value(fields[0]).empty(); }

}  // namespace

Result<OpenCookieImport> import_open_cookie_database(std::string_view csv) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);  // UTF-8 byte order mark
  CsvReader reader(csv);
  std::vector<std::string> fields;
  if (!reader.next(fields)) {
    std::string why = reader.error().empty() ? "the CSV is empty" : reader.error();
    return {Status::invalid_rule, "Open Cookie Database: " + why};
  }
  ColumnIndex columns;
  if (auto e = find_columns(fields, columns)) return {Status::invalid_rule, *e};
  std::size_t header_size = fields.size();
  Importer importer(columns);
  while (reader.next(fields))
    if (!is_blank(fields)) importer.add_row(fields, header_size);
  if (!reader.error().empty()) return {Status::invalid_rule, "Open Cookie Database: " + reader.error()};
  return std::move(importer).take();
}

}  // namespace warden
