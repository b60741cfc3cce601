#include "rules/engine_loading.h"

#include "platform/executable_path.h"
#include "platform/file_contents.h"
#include "warden/engine_builder.h"
#include "warden/snapshot.h"

namespace cookiewarden {

std::filesystem::path default_engine_file() {
  std::filesystem::path binary = executable_path();
  return binary.empty() ? std::filesystem::path() : binary.parent_path() / "engine.bin";
}

namespace {

std::optional<std::string> engine_file_to_load(const std::optional<std::string>& engine_path) {
  if (engine_path) return engine_path;
  std::filesystem::path beside = default_engine_file();
  std::error_code ec;
  if (!beside.empty() && std::filesystem::exists(beside, ec)) return beside.string();
  return std::nullopt;
}

}  // namespace

warden::Result<std::unique_ptr<LoadedEngine>> load_engine(const std::optional<std::string>& requested_path) {
  auto loaded = std::make_unique<LoadedEngine>();
  // A damaged engine.bin beside the binary is an error like a damaged --engine FILE: deciding
  // with fewer rules than the extension would be a silent disagreement.
  std::optional<std::string> engine_path = engine_file_to_load(requested_path);
  loaded->source = engine_path ? *engine_path
                               : "the built-in rules (no " + default_engine_file().string() +
                                     ": EasyList and EasyPrivacy are not included)";
  if (engine_path) {
    auto bytes = read_binary_file(*engine_path);
    if (!bytes.ok()) return {bytes.status(), bytes.detail()};
    loaded->bytes = std::move(bytes).value();
    // A file on disk can rot or be cut short: check the CRC once here, which load() leaves out
    // so that the extension's start-up stays fast.
    if (auto s = warden::verify_snapshot(loaded->bytes); s != warden::Status::ok)
      return {s, *engine_path + ": " + std::string(warden::status_message(s))};
  } else {
    auto bytes = warden::build_default_engine();
    if (!bytes.ok()) return {bytes.status(), "cannot build the default engine: " + bytes.detail()};
    loaded->bytes = std::move(bytes).value();
  }
  auto engine = warden::Engine::load(loaded->bytes);
  if (!engine.ok()) {
    std::string where = engine_path ? *engine_path : std::string("the built-in rules");
    return {engine.status(), where + ": " + engine.detail()};
  }
  loaded->engine.emplace(std::move(engine).value());
  return loaded;
}

}  // namespace cookiewarden
