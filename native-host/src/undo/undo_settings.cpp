#include "undo/undo_settings.h"

namespace cookiewarden {

std::filesystem::path undo_folder(const Environment& env) {
  switch (env.os) {
    case Os::macos: return env.home / "Library" / "Application Support" / "Cookie Warden" / "Undo";
    case Os::windows: return env.dir_var("LOCALAPPDATA", "AppData/Local") / "CookieWarden" / "Undo";
    case Os::linux_: break;
  }
  return env.dir_var("XDG_STATE_HOME", ".local/state") / "cookiewarden" / "undo";
}

UndoSettings UndoSettings::for_environment(const Environment& env) {
  UndoSettings settings;
  settings.folder = undo_folder(env);
  return settings;
}

}  // namespace cookiewarden
