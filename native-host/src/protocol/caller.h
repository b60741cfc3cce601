// Who launched us. A browser starting a native messaging host passes the caller on argv:
//   Chromium/Chrome/Edge: argv[1] = "chrome-extension://<id>/" (Windows adds --parent-window=N)
//   Firefox:              argv[1] = the host manifest's absolute path, argv[2] = the add-on id
// Anything else is a person at a terminal (the CLI).
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/environment.h"
#include "protocol/message.h"

namespace cookiewarden::protocol {

enum class CallerKind { chromium, firefox };

struct Caller {
  CallerKind kind;
  std::string extension;           // "chrome-extension://<id>/" or the Firefox add-on id
  std::filesystem::path manifest;  // Firefox only: the manifest the browser read
};

// nullopt when argv (without the program name) is a CLI invocation.
std::optional<Caller> native_messaging_caller(std::span<const std::string_view> args);

// Whether `caller` is an extension this host was installed for (nullopt = allowed, else the
// not_allowed error to send).
//   Firefox: the manifest the browser used (its path is on argv) must be ours (name), point at
//     this binary (`self`), and list the add-on id in allowed_extensions.
//   Chromium: the origin must be listed in allowed_origins of one of our manifests: those the
//     install record lists (custom --user-data-dir installs included), the user-level folders
//     of every Chromium-family browser, and the system-wide folders.
// The manifests written by `install` are the single source of truth; editing one changes who
// may connect.
std::optional<Error> check_caller(const Caller& caller, const Environment& env, const std::filesystem::path& self);

}  // namespace cookiewarden::protocol
