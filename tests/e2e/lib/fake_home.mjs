// A throw-away home directory holding browser profiles in the standard Linux layout, so that
// `cookiewarden` (and the browsers) run with HOME pointing here find them by normal discovery and
// never see the real user's profiles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Variables that would move browser folders away from $HOME (see native-host platform/environment.h).
const RELOCATING_VARS = ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'SNAP_USER_COMMON', 'SNAP_USER_DATA'];

export function createFakeHome(label) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `cw-e2e-${label}-`));
  const env = { ...process.env, HOME: home };
  for (const name of RELOCATING_VARS) delete env[name];
  return { home, env, remove: () => fs.rmSync(home, { recursive: true, force: true }) };
}

// A Chromium-family user-data-dir under ~/.config: "chromium" is discovered as Chromium,
// "google-chrome" as Google Chrome (the folder decides, not the binary that wrote it).
export function chromiumProfile(home, vendorFolder = 'chromium') {
  const userDataDir = path.join(home, '.config', vendorFolder);
  const profileDir = path.join(userDataDir, 'Default');
  return { family: 'chromium', userDataDir, profileDir, cookieDb: path.join(profileDir, 'Cookies') };
}

// Firefox profiles in ~/.mozilla/firefox, listed in a profiles.ini as Firefox writes it.
export function firefoxProfiles(home, names) {
  const root = path.join(home, '.mozilla', 'firefox');
  const sections = names.map((name, i) => `[Profile${i}]\nName=${name}\nIsRelative=1\nPath=${name}.default\n${i === 0 ? 'Default=1\n' : ''}`);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'profiles.ini'), `${sections.join('\n')}\n[General]\nStartWithLastProfile=1\nVersion=2\n`);
  return names.map((name) => {
    const profileDir = path.join(root, `${name}.default`);
    fs.mkdirSync(profileDir, { recursive: true });
    return { family: 'firefox', profileDir, cookieDb: path.join(profileDir, 'cookies.sqlite') };
  });
}
