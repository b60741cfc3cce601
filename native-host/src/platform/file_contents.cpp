#include "platform/file_contents.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

namespace cookiewarden {
namespace {

template <class Container>
warden::Result<Container> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {warden::Status::invalid_argument, "cannot read " + path.string() + ": " + std::strerror(errno)};
  Container data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return {warden::Status::invalid_argument, "error while reading " + path.string()};
  return data;
}

}  // namespace

warden::Result<std::string> read_text_file(const std::filesystem::path& path) { return read_file<std::string>(path); }

warden::Result<std::vector<std::uint8_t>> read_binary_file(const std::filesystem::path& path) {
  return read_file<std::vector<std::uint8_t>>(path);
}

warden::Status write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes) {
  std::filesystem::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return warden::Status::invalid_argument;
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return warden::Status::invalid_argument;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return warden::Status::invalid_argument;
  }
  return warden::Status::ok;
}

}  // namespace cookiewarden
