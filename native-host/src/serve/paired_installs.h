// The browser extensions paired with `serve` (POST /pair): each install's origin
// (chrome-extension://ID, moz-extension://UUID, safari-web-extension://ID) and its own token,
// 256 random bits. An install's token is good only with the origin it was paired from, so a
// token copied into another extension or a web page gets nothing. Kept across restarts in a 0600
// file in the user's state folder (paired_installs_file), rewritten whole on each change.
//
// The file keeps the SHA-256 of each token, never the token: a copy of it (a backup, another
// program of this user reading it) cannot be replayed to serve. The extension keeps the token;
// the reply to POST /pair is the only place it appears. The file also keeps the port serve was
// on when it last paired, the one the extensions know, which serve reopens when it restarts.
//
// Used on the server's I/O thread only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
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
  std::string token_sha256;    // 64 hex digits
  std::int64_t paired_at = 0;  // seconds since 1970 (UTC)
};

// A pairing just made: the install as kept, and its token, to be handed to the extension once.
struct NewPairing {
  PairedInstall install;
  AccessToken token;
};

class PairedInstalls {
 public:
  // The installs saved in `file`; none when it does not exist yet. A file that cannot be read
  // or parsed is an error, never taken for "none" (which would lose the pairings on next save).
  // A file from before tokens were hashed is rewritten with their hashes at once.
  static warden::Result<PairedInstalls> load(std::filesystem::path file);

  // The port saved with the last pairing, when any install is paired: the one they know.
  std::optional<std::uint16_t> paired_port() const;
  // The port serve listens on, saved with the next pairing.
  void serve_on(std::uint16_t port) { port_ = port; }

  // Pairs `origin` as a new install and saves the file; the new pairing, or why it could not be saved.
  warden::Result<NewPairing> pair(std::string origin, std::int64_t now);
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
  std::uint16_t port_ = 0;  // 0: none known
};

//   Linux    $XDG_STATE_HOME/cookiewarden/paired-extensions.json (default ~/.local/state/…)
//   macOS    ~/Library/Application Support/Cookie Warden/paired-extensions.json
//   Windows  %LOCALAPPDATA%\CookieWarden\paired-extensions.json
std::filesystem::path paired_installs_file(const Environment& env);

}  // namespace cookiewarden::serve
