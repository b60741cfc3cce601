#include "undo/journal_format.h"

#include <algorithm>

#include "warden/ascii_digits.h"

namespace cookiewarden {

namespace {

void append_hex(std::string_view bytes, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
}

// {"<kind>":"<hex>"}, for text and blob values. Hex digits need no escaping.
void append_hex_value(std::string_view kind, std::string_view bytes, std::string& out) {
  out += "{\"";
  out += kind;
  out += "\":\"";
  append_hex(bytes, out);
  out += "\"}";
}

}  // namespace

std::string hex_encode(std::string_view bytes) {
  std::string out;
  append_hex(bytes, out);
  return out;
}

bool hex_decode(std::string_view hex, std::string& bytes) {
  if (hex.size() % 2 != 0) return false;
  bytes.clear();
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int high = warden::hex_digit_value(hex[i]), low = warden::hex_digit_value(hex[i + 1]);
    if (high < 0 || low < 0) return false;
    bytes += static_cast<char>(high << 4 | low);
  }
  return true;
}

void append_sqlite_value_json(const SqliteValue& value, std::string& out) {
  switch (value.type) {
    case SqliteValue::Type::null: out += "null"; return;
    case SqliteValue::Type::integer: out += std::to_string(value.integer); return;
    // nlohmann's number text: the shortest that reads back as the same double.
    case SqliteValue::Type::real: out += "{\"real\":" + nlohmann::json(value.real).dump() + '}'; return;
    case SqliteValue::Type::text: append_hex_value("text", value.bytes, out); return;
    case SqliteValue::Type::blob: append_hex_value("blob", value.bytes, out); return;
  }
  out += "null";
}

SqliteValue sqlite_value_from_json(const nlohmann::json& json) {
  SqliteValue value;
  if (json.is_null()) return value;
  if (json.is_number_integer()) {
    value.type = SqliteValue::Type::integer;
    value.integer = json.get<std::int64_t>();
    return value;
  }
  if (json.is_object() && json.size() == 1) {
    if (json.contains("real")) {
      value.type = SqliteValue::Type::real;
      value.real = json.at("real").get<double>();
      return value;
    }
    for (auto [key, type] : {std::pair{"text", SqliteValue::Type::text}, std::pair{"blob", SqliteValue::Type::blob}}) {
      if (!json.contains(key)) continue;
      value.type = type;
      if (hex_decode(json.at(key).get<std::string>(), value.bytes)) return value;
    }
  }
  throw nlohmann::json::other_error::create(501, "not a journal value: " + json.dump(), &json);
}

std::string utc_text(std::time_t when) {
  std::tm parts{};
#if defined(_WIN32)
  gmtime_s(&parts, &when);
#else
  gmtime_r(&when, &parts);
#endif
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

bool is_journal_id(std::string_view id) {
  // "20261207T013900123Z-0a1b2c"
  if (id.size() != 26 || id[8] != 'T' || id[18] != 'Z' || id[19] != '-') return false;
  return std::all_of(id.begin(), id.begin() + 8, warden::is_digit) &&
         std::all_of(id.begin() + 9, id.begin() + 18, warden::is_digit) &&
         std::all_of(id.begin() + 20, id.end(), [](char c) { return warden::is_digit(c) || (c >= 'a' && c <= 'f'); });
}

}  // namespace cookiewarden
