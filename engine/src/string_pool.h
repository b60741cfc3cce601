// Interned strings for the compiled buffer's string section: each distinct string is stored once
// and referred to by (offset, length).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace warden {

class StringPool {
 public:
  // The offset of `s` in bytes(); identical strings share one copy.
  std::uint32_t intern(std::string_view s);
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
  std::unordered_map<std::string, std::uint32_t> offsets_;
};

}  // namespace warden
