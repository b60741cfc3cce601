// The per-user folders that browser profiles (browsers/browser_locations.cpp) and native messaging
// manifests (install/manifest_locations.cpp) are found under, each where its OS keeps it.
#pragma once

#include <filesystem>

#include "platform/environment.h"

namespace cookiewarden {

enum class UserFolder { home, xdg_config, xdg_data, app_support, local_app_data, app_data };

// ~, ~/.config (XDG_CONFIG_HOME), ~/.local/share (XDG_DATA_HOME), ~/Library/Application Support,
// %LOCALAPPDATA% and %APPDATA% (AppData/Local and AppData/Roaming under home when unset).
std::filesystem::path user_folder(const Environment& env, UserFolder folder);

}  // namespace cookiewarden
