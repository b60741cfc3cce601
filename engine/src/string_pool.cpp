#include "string_pool.h"

namespace warden {

std::uint32_t StringPool::intern(std::string_view s) {
  auto [it, inserted] = offsets_.try_emplace(std::string(s), static_cast<std::uint32_t>(bytes_.size()));
  if (inserted) bytes_.append(s);
  return it->second;
}

}  // namespace warden
