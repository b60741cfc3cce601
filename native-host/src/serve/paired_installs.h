// The browser extensions paired with `serve` (POST /pair): each install's origin
// (chrome-extension://ID, moz-extension://UUID, safari-web-extension://ID) and its own token,
// 256 random bits. An install's token is good only with the origin it was paired from, so a
// token copied into another extension or a web page gets nothing. Kept across restarts in a 0600
// file in the user's state folder (paired_installs_file), rewritten whole on each change.
//
// Used on the server's I/O thread only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "platform/environment.h"
#include "serve/access_token.h"
#include "warden/status.h"

namespace cookiewarden::serve {

struct PairedInstall {
  std::string id;      // 16 hex digits, what the dashboard lists and revokes
  std::string origin;  // as the browser sent it
  AccessToken token;
  std::int64_t paired_at = 0;  // seconds since 1970 (UTC)
};

class PairedInstalls {
 public:
  // The installs saved in `file`; none when it does not exist yet. A file that cannot be read
  // or parsed is an error, never taken for "none" (which would lose the pairings on next save).
  static warden::Result<PairedInstalls> load(std::filesystem::path file);

  // Pairs `origin` as a new install and saves the file; the new install, or why it could not be saved.
  warden::Result<PairedInstall> pair(std::string origin, std::int64_t now);
  // Whether `token` is the token of an install paired from `origin` (compared in constant time).
  bool admits(std::string_view origin, std::string_view token) const;
  // Forgets install `id` and saves the file; false when there is no such install.
  warden::Result<bool> revoke(std::string_view id);

  const std::vector<PairedInstall>& installs() const { return installs_; }

 private:
  explicit PairedInstalls(std::filesystem::path file) : file_(std::move(file)) {}
  bool save(std::string& error) const;

  std::filesystem::path file_;
  std::vector<PairedInstall> installs_;
};

//   Linux    $XDG_STATE_HOME/cookiewarden/paired-extensions.json (default ~/.local/state/…)
//   macOS    ~/Library/Application Support/Cookie Warden/paired-extensions.json
//   Windows  %LOCALAPPDATA%\CookieWarden\paired-extensions.json
std::filesystem::path paired_installs_file(const Environment& env);

}  // namespace cookiewarden::serve
