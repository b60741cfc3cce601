#include "stores/firefox_session_restore.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <system_error>

#include <nlohmann/json.hpp>

#include "stores/firefox_origin_attributes.h"
#include "stores/mozlz4.h"

namespace cookiewarden {
namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;  // ordered: a rewrite keeps Firefox's key order

// Session documents nest a few dozen levels (windows, tabs, history entries, child frames). The
// bound keeps the recursive walk and nlohmann's recursive dump away from stack exhaustion on
// hostile input.
constexpr int kMaxDepth = 512;

// The deepest bracket nesting of JSON text, counting outside strings only.
int nesting_depth(std::string_view json) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

std::string string_at(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// {"host", "name", "originAttributes": {"partitionKey": "(https,site)"}}
bool is_session_cookie(const Json& value) {
  return value.is_object() && value.contains("host") && value["host"].is_string() && value.contains("name");
}

class SessionFilter {
 public:
  explicit SessionFilter(const SiteMatcher& site) : site_(site) {}

  void walk(Json& value) {
    if (value.is_array()) {
      for (Json& element : value) walk(element);
      return;
    }
    if (!value.is_object()) return;
    for (auto& [key, child] : value.items()) {
      if (key == "cookies" && child.is_array()) filter_cookies(child);
      else if (key == "storage" && child.is_object() && value.contains("entries")) filter_storage(child);
      else walk(child);
    }
  }

  std::vector<SiteItem>& items() { return items_; }

 private:
  void filter_cookies(Json& cookies) {
    Json kept = Json::array();
    for (Json& cookie : cookies) {
      if (!is_session_cookie(cookie) || !cookie_belongs(cookie)) {
        kept.push_back(std::move(cookie));
        continue;
      }
      SiteItem item;
      item.kind = ItemKind::cookie;
      item.host = string_at(cookie, "host");
      item.name = string_at(cookie, "name");
      item.partition = cookie_partition(cookie);
      items_.push_back(std::move(item));
    }
    cookies = std::move(kept);
  }

  static std::string cookie_partition(const Json& cookie) {
    auto attributes = cookie.find("originAttributes");
    if (attributes == cookie.end() || !attributes->is_object()) return {};
    return firefox_partition_key_site(string_at(*attributes, "partitionKey"));
  }

  bool cookie_belongs(const Json& cookie) const {
    std::string partition = cookie_partition(cookie);
    return site_.matches_host(string_at(cookie, "host")) || (!partition.empty() && site_.matches_origin(partition));
  }

  // origin → {key: value}; the origin may carry an OriginAttributes suffix after '^'.
  void filter_storage(Json& storage) {
    Json kept = Json::object();
    for (auto& [origin_key, entries] : storage.items()) {
      std::string_view full = origin_key;
      std::size_t caret = full.find('^');
      std::string_view origin = full.substr(0, caret);
      std::string partition = caret == std::string_view::npos ? std::string() : firefox_partition_site(full.substr(caret));
      if (!site_.matches_origin(origin) && (partition.empty() || !site_.matches_origin(partition))) {
        kept[origin_key] = std::move(entries);
        continue;
      }
      list_storage(std::string(origin), partition, entries);
    }
    storage = std::move(kept);
  }

  void list_storage(const std::string& origin, const std::string& partition, const Json& entries) {
    SiteItem item;
    item.kind = ItemKind::session_storage;
    item.host = origin;
    item.partition = partition;
    if (!entries.is_object() || entries.empty()) {
      items_.push_back(item);
      return;
    }
    for (const auto& [key, value] : entries.items()) {
      item.name = key;
      item.bytes = value.is_string() ? value.get_ref<const std::string&>().size() : 0;
      items_.push_back(item);
    }
  }

  const SiteMatcher& site_;
  std::vector<SiteItem> items_;
};

void skip(StoreOutcome& outcome, SkipReason reason, std::string message) {
  outcome.skipped = reason;
  outcome.message = std::move(message);
  outcome.items.clear();
}

SkipReason reason_of_errno(int error) {
  if (error == ENOENT) return SkipReason::not_present;
  if (error == EACCES || error == EPERM) return SkipReason::permission_denied;
  if (error == ELOOP) return SkipReason::unsafe_path;
  return SkipReason::io_error;
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() { close(); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  int close() {
    int result = fd_ >= 0 ? ::close(fd_) : 0;
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

struct SessionFile {
  std::string bytes;
  struct stat st {};
};

// The file's bytes, without following a symlink; false with `outcome` skipped on failure.
bool load(const fs::path& file, SessionFile& out, StoreOutcome& outcome) {
  FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    int error = errno;
    skip(outcome, reason_of_errno(error),
         error == ELOOP ? file.string() + " is a symlink; not followed" : file.string() + ": " + std::strerror(error));
    return false;
  }
  if (::fstat(fd.get(), &out.st) != 0 || !S_ISREG(out.st.st_mode)) {
    skip(outcome, SkipReason::unsafe_path, file.string() + " is not a regular file");
    return false;
  }
  if (static_cast<std::uint64_t>(out.st.st_size) > kMaxMozLz4Size) {
    skip(outcome, SkipReason::corrupt, file.string() + " is larger than any session file; left as it is");
    return false;
  }
  out.bytes.resize(static_cast<std::size_t>(out.st.st_size));
  std::size_t done = 0;
  while (done < out.bytes.size()) {
    ssize_t n = ::read(fd.get(), out.bytes.data() + done, out.bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      skip(outcome, SkipReason::io_error, file.string() + ": read failed or the file shrank");
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Decodes and filters; false with `outcome` skipped as corrupt when the file is not a session file.
bool filter_file(const fs::path& file, const SessionFile& loaded, const SiteMatcher& site, SessionFiltering& out,
                 StoreOutcome& outcome) {
  auto json = decode_mozlz4(std::string_view(loaded.bytes));
  if (!json.ok()) {
    skip(outcome, SkipReason::corrupt, file.string() + ": " + json.detail() + "; left as it is");
    return false;
  }
  auto filtered = filter_session_json(*json, site);
  if (!filtered.ok()) {
    skip(outcome, SkipReason::corrupt, file.string() + ": " + filtered.detail() + "; left as it is");
    return false;
  }
  out = std::move(filtered.value());
  return true;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool unchanged_since(const fs::path& file, const struct stat& before) {
  struct stat now {};
  return ::lstat(file.c_str(), &now) == 0 && now.st_ino == before.st_ino && now.st_dev == before.st_dev &&
         now.st_size == before.st_size && now.st_mtim.tv_sec == before.st_mtim.tv_sec &&
         now.st_mtim.tv_nsec == before.st_mtim.tv_nsec;
}

// A temporary file beside `file` with its mode (and owner where we may), fsynced and renamed over
// it unless it changed meanwhile; the folder is fsynced after. Empty on success, else the error.
std::optional<std::string> replace_atomically(const fs::path& file, const struct stat& original, std::string_view bytes) {
  std::string temp = (file.parent_path() / ("." + file.filename().string() + ".cookiewarden-XXXXXX")).string();
  FileDescriptor fd(::mkstemp(temp.data()));
  if (fd.get() < 0) return "cannot create a temporary file beside " + file.string() + ": " + std::strerror(errno);
  auto abandon = [&](const std::string& what) -> std::optional<std::string> {
    std::string message = file.string() + ": " + what + (errno ? std::string(": ") + std::strerror(errno) : "");
    ::unlink(temp.c_str());
    return message;
  };
  errno = 0;
  if (::fchmod(fd.get(), original.st_mode & 07777) != 0) return abandon("chmod of the temporary file failed");
  if (::fchown(fd.get(), original.st_uid, original.st_gid) != 0 && errno != EPERM)
    return abandon("chown of the temporary file failed");
  errno = 0;
  if (!write_all(fd.get(), bytes)) return abandon("writing the temporary file failed");
  if (::fsync(fd.get()) != 0 || fd.close() != 0) return abandon("fsync of the temporary file failed");
  errno = 0;
  if (!unchanged_since(file, original)) return abandon("changed while being edited; left as it is now");
  if (::rename(temp.c_str(), file.c_str()) != 0) return abandon("rename over it failed");
  FileDescriptor dir(::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());  // the rename is done; a failed folder sync cannot be undone
  return std::nullopt;
}

bool is_session_file_name(const std::string& name) {
  return name.ends_with(".jsonlz4") || name.ends_with(".baklz4") || name.find(".jsonlz4-") != std::string::npos;
}

}  // namespace

warden::Result<SessionFiltering> filter_session_json(std::string_view json, const SiteMatcher& site) {
  if (nesting_depth(json) > kMaxDepth)
    return {warden::Status::invalid_json, "nested deeper than " + std::to_string(kMaxDepth) + " levels"};
  Json document = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return {warden::Status::invalid_json, "not valid JSON"};
  if (!document.is_object()) return {warden::Status::invalid_json, "not a session document (no top-level object)"};
  SessionFilter filter(site);
  filter.walk(document);
  SessionFiltering result;
  result.items = std::move(filter.items());
  result.json = document.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
  return result;
}

std::vector<fs::path> firefox_session_files(const fs::path& profile_dir) {
  std::vector<fs::path> files{profile_dir / "sessionstore.jsonlz4"};
  std::vector<fs::path> backups;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(profile_dir / "sessionstore-backups", ec)) {
    if (is_session_file_name(entry.path().filename().string())) backups.push_back(entry.path());
  }
  std::sort(backups.begin(), backups.end());
  files.insert(files.end(), backups.begin(), backups.end());
  return files;
}

StoreOutcome FirefoxSessionRestoreStore::inspect(const SiteMatcher& site) const {
  StoreOutcome outcome{std::string(id()), file_, {}, {}, {}};
  SessionFile loaded;
  SessionFiltering filtered;
  if (!load(file_, loaded, outcome) || !filter_file(file_, loaded, site, filtered, outcome)) return outcome;
  outcome.items = std::move(filtered.items);
  return outcome;
}

StoreOutcome FirefoxSessionRestoreStore::remove(const SiteMatcher& site, bool dry_run) {
  StoreOutcome outcome{std::string(id()), file_, {}, {}, {}};
  SessionFile loaded;
  SessionFiltering filtered;
  if (!load(file_, loaded, outcome) || !filter_file(file_, loaded, site, filtered, outcome)) return outcome;
  if (dry_run || filtered.items.empty()) {
    outcome.items = std::move(filtered.items);
    return outcome;
  }
  auto encoded = encode_mozlz4(filtered.json);
  if (!encoded.ok()) {
    skip(outcome, SkipReason::io_error, file_.string() + ": " + encoded.detail());
    return outcome;
  }
  if (auto error = replace_atomically(file_, loaded.st, *encoded)) {
    skip(outcome, SkipReason::io_error, *error);
    return outcome;
  }
  outcome.items = std::move(filtered.items);
  return outcome;
}

}  // namespace cookiewarden
