// The demo's own "computer": a home folder under the output directory holding the browser profiles
// the demo uses, so it never touches the person's real browsers. Chromium and the native host it
// launches run with HOME pointing here: the host's discovery then finds only these profiles.
//   .config/chromium       the demo's Chromium profile (the extension runs here)
//   .config/google-chrome  "another browser" with the shop's cookies, written by a plain visit
//   .config/cookiewarden   the installer's record
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Variables that would move browser folders away from HOME (native-host platform/environment.h).
const RELOCATING_VARS = ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'SNAP_USER_COMMON', 'SNAP_USER_DATA'];

export function createDemoHome(dir) {
  rmSync(dir, { recursive: true, force: true });
  const configDir = join(dir, '.config');
  const chromiumDir = join(configDir, 'chromium');
  mkdirSync(chromiumDir, { recursive: true });
  const env = { ...process.env, HOME: dir };
  for (const name of RELOCATING_VARS) delete env[name];
  // A headed browser still needs the person's X authority, which lives in the real home.
  const xauthority = process.env.XAUTHORITY ?? join(homedir(), '.Xauthority');
  if (existsSync(xauthority)) env.XAUTHORITY = xauthority;
  return { dir, env, chromiumDir, otherBrowserDir: join(configDir, 'google-chrome') };
}

// `cookiewarden install` for the demo's Chromium profile only (--user-data-dir): the host manifest
// goes into that profile's NativeMessagingHosts folder. Returns what was written, or throws with
// the installer's own words.
export function registerNativeHost(home, cookiewarden) {
  let out;
  try {
    out = execFileSync(cookiewarden, ['install', '--browser', 'chromium', '--user-data-dir', home.chromiumDir, '--json'],
      { env: home.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`cookiewarden install failed (exit ${e.status}): ${(e.stderr || e.stdout || e.message).trim()}`);
  }
  const result = JSON.parse(out);
  const manifest = result.manifests?.[0];
  if (!manifest || result.written?.length !== 1) throw new Error(`cookiewarden install wrote nothing: ${out.trim()}`);
  const written = JSON.parse(readFileSync(manifest.path, 'utf8'));
  return { manifestPath: manifest.path, hostName: written.name, binary: written.path, allowedOrigins: written.allowed_origins };
}
