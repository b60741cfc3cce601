#include "platform/user_folders.h"

namespace cookiewarden {

std::filesystem::path user_folder(const Environment& env, UserFolder folder) {
  switch (folder) {
    case UserFolder::home: return env.home;
    case UserFolder::xdg_config: return env.dir_var("XDG_CONFIG_HOME", ".config");
    case UserFolder::xdg_data: return env.dir_var("XDG_DATA_HOME", ".local/share");
    case UserFolder::app_support: return env.home / "Library" / "Application Support";
    case UserFolder::local_app_data: return env.dir_var("LOCALAPPDATA", "AppData/Local");
    case UserFolder::app_data: return env.dir_var("APPDATA", "AppData/Roaming");
  }
  return env.home;
}

}  // namespace cookiewarden
