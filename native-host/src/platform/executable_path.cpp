#include "platform/executable_path.h"

#include <string>
#include <system_error>

#if defined(_WIN32)
#include <windows.h>
#elif defined(__APPLE__)
#include <mach-o/dyld.h>
#endif

namespace cookiewarden {

std::filesystem::path executable_path() {
  std::error_code ec;
#if defined(_WIN32)
  std::wstring buffer(32768, L'\0');
  DWORD n = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
  if (n == 0 || n == buffer.size()) return {};
  buffer.resize(n);
  return std::filesystem::path(buffer);
#elif defined(__APPLE__)
  std::uint32_t size = 0;
  _NSGetExecutablePath(nullptr, &size);
  std::string buffer(size, '\0');
  if (_NSGetExecutablePath(buffer.data(), &size) != 0) return {};
  auto path = std::filesystem::canonical(buffer.c_str(), ec);
  return ec ? std::filesystem::path() : path;
#else
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : path;
#endif
}

}  // namespace cookiewarden
