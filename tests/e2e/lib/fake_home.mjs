// A throw-away home directory holding browser profiles in the standard Linux layout, so that
// `cookiewarden` (and the browsers) run with HOME pointing here find them by normal discovery and
// never see the real user's profiles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Variables that would move browser folders (or cookiewarden's undo journal) away from $HOME (see
// native-host platform/environment.h).
const RELOCATING_VARS = ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'SNAP_USER_COMMON',
  'SNAP_USER_DATA'];

// {home, env, configDir, remove}. With `xdgConfigHome` (a folder name inside the home),
// XDG_CONFIG_HOME points there, so discovery must honour it instead of ~/.config.
export function createFakeHome(label, { xdgConfigHome } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `cw-e2e-${label}-`));
  const env = { ...process.env, HOME: home };
  for (const name of RELOCATING_VARS) delete env[name];
  if (xdgConfigHome) env.XDG_CONFIG_HOME = path.join(home, xdgConfigHome);
  const configDir = env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  return { home, env, configDir, remove: () => fs.rmSync(home, { recursive: true, force: true }) };
}

// A Chromium-family user-data-dir in the config folder: "chromium" is discovered as Chromium,
// "google-chrome" as Google Chrome (the folder decides, not the binary that wrote it).
export function chromiumProfile(configDir, vendorFolder = 'chromium') {
  const userDataDir = path.join(configDir, vendorFolder);
  const profileDir = path.join(userDataDir, 'Default');
  return { family: 'chromium', userDataDir, profileDir, cookieDb: path.join(profileDir, 'Cookies') };
}

// The two places Firefox keeps profiles.ini on Linux: the XDG one new installs use, the legacy one.
export const firefoxRoot = {
  xdg: (fakeHome) => path.join(fakeHome.configDir, 'mozilla', 'firefox'),
  legacy: (fakeHome) => path.join(fakeHome.home, '.mozilla', 'firefox'),
};

// Firefox profiles under `root`, listed in a profiles.ini as Firefox writes it.
export function firefoxProfiles(root, names) {
  const sections = names.map((name, i) => `[Profile${i}]\nName=${name}\nIsRelative=1\nPath=${name}.default\n${i === 0 ? 'Default=1\n' : ''}`);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'profiles.ini'), `${sections.join('\n')}\n[General]\nStartWithLastProfile=1\nVersion=2\n`);
  return names.map((name) => {
    const profileDir = path.join(root, `${name}.default`);
    fs.mkdirSync(profileDir, { recursive: true });
    return { family: 'firefox', profileDir, cookieDb: path.join(profileDir, 'cookies.sqlite') };
  });
}
