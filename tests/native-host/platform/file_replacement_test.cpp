#include "platform/file_replacement.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using cookiewarden::FileFailure;
using cookiewarden::LoadedFile;

namespace {

struct Folder {
  fs::path dir = fs::temp_directory_path() / ("cw-file-replacement-" + std::to_string(::getpid()));
  Folder() { fs::create_directories(dir); }
  ~Folder() { fs::remove_all(dir); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
  }
  std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {})); }
};

std::string text_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

TEST_CASE("a file is replaced whole, keeping its mode, with nothing left beside it") {
  Folder f;
  auto file = f.write("Cookies.binarycookies", "old contents");
  ::chmod(file.c_str(), 0600);
  LoadedFile loaded;
  REQUIRE_FALSE(cookiewarden::load_file(file, loaded));
  CHECK(std::string(loaded.bytes.begin(), loaded.bytes.end()) == "old contents");
  REQUIRE_FALSE(cookiewarden::replace_file(file, loaded.stamp, bytes_of("new")));
  CHECK(text_of(file) == "new");
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  CHECK(f.entries() == 1);
}

TEST_CASE("a file changed since it was read is left as it is now") {
  Folder f;
  auto file = f.write("sessionstore.jsonlz4", "version 1");
  LoadedFile loaded;
  REQUIRE_FALSE(cookiewarden::load_file(file, loaded));
  f.write("sessionstore.jsonlz4", "version 2, longer");  // the browser wrote meanwhile
  auto failure = cookiewarden::replace_file(file, loaded.stamp, bytes_of("ours"));
  REQUIRE(failure);
  CHECK(failure->kind == FileFailure::Kind::changed);
  CHECK(text_of(file) == "version 2, longer");
  CHECK(f.entries() == 1);
}

TEST_CASE("symlinks, folders and FIFOs are refused, never followed") {
  Folder f;
  auto target = f.write("target", "secret");
  fs::create_symlink(target, f.dir / "link");
  LoadedFile loaded;
  auto link = cookiewarden::load_file(f.dir / "link", loaded);
  REQUIRE(link);
  CHECK(link->kind == FileFailure::Kind::system);
  CHECK(link->error == ELOOP);
  auto folder = cookiewarden::load_file(f.dir, loaded);
  REQUIRE(folder);
  CHECK(folder->kind == FileFailure::Kind::not_regular);
  REQUIRE(::mkfifo((f.dir / "fifo").c_str(), 0600) == 0);
  auto fifo = cookiewarden::load_file(f.dir / "fifo", loaded);  // no writer: must not wait for one
  REQUIRE(fifo);
  CHECK(fifo->kind == FileFailure::Kind::not_regular);
  auto missing = cookiewarden::load_file(f.dir / "absent", loaded);
  REQUIRE(missing);
  CHECK(missing->error == ENOENT);
}

TEST_CASE("a temporary a killed run left beside the file is removed by the next replacement, a live run's is kept") {
  Folder folder;
  fs::path file = folder.write("sessionstore.jsonlz4", "old");
  pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  // What a run killed after writing its copy and before renaming it over leaves: a full copy.
  fs::path abandoned = folder.write(".sessionstore.jsonlz4.cookiewarden-" + std::to_string(gone) + "-Ab12Cd", "copy");
  fs::path live = folder.write(".sessionstore.jsonlz4.cookiewarden-" + std::to_string(::getppid()) + "-Ef34Gh", "busy");
  fs::path other = folder.write(".other.cookiewarden-" + std::to_string(gone) + "-Ij56Kl", "not this file's");
  LoadedFile loaded;
  REQUIRE_FALSE(cookiewarden::load_file(file, loaded));
  const std::string next = "new";
  REQUIRE_FALSE(cookiewarden::replace_file(file, loaded.stamp, bytes_of(next)));
  CHECK(text_of(file) == "new");
  CHECK_FALSE(fs::exists(abandoned));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));
}
