// The engine the host decides with: a buffer written by `cookiewarden compile` (the CLI's
// `--engine FILE`) or the default engine. The CLI commands (classify, sweep) and the protocol's
// sweep load it here, so both decide with the same rules.
//
// The default engine is engine.bin beside the binary: the build compiles it with the same rules
// and lists as the extension's engine/engine.bin (built-in vendor rules, EasyPrivacy, EasyList),
// so the host decides every cookie as the extension does. A file rather than built-in bytes: the
// binary stays half the size, and loading it costs about 30 ms (reading and checking the CRC of
// 6 MB) on top of the 70 ms the built-in rules take. Without the file (a cross build), the rules
// built in are used and `source` says that the lists are missing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "warden/engine.h"
#include "warden/status.h"

namespace cookiewarden {

// The bytes and the engine viewing them travel together, so the view cannot outlive its buffer.
struct LoadedEngine {
  std::vector<std::uint8_t> bytes;
  std::optional<warden::Engine> engine;
  std::string source;  // the file it was read from, or "the built-in rules (...)"
};

// engine.bin beside the running binary (which may not exist).
std::filesystem::path default_engine_file();

// The engine in `engine_path`, or with none the default engine: engine.bin beside the binary, else
// the built-in rules. A file that cannot be read, fails its CRC or does not load is an error.
warden::Result<std::unique_ptr<LoadedEngine>> load_engine(const std::optional<std::string>& engine_path);

}  // namespace cookiewarden
