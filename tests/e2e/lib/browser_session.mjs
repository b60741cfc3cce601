// One real browser on one profile of a fake home (fake_home.mjs): Chromium on its user-data-dir,
// Firefox ESR on its profile folder with `hosts` mapped to 127.0.0.1.
import assert from 'node:assert/strict';

import { launchChromium } from './chromium_browser.mjs';
import { launchFirefox } from './firefox_browser.mjs';

export function launchProfile(profile, env, hosts) {
  return profile.family === 'chromium'
    ? launchChromium({ userDataDir: profile.userDataDir, env })
    : launchFirefox({ profileDir: profile.profileDir, hosts, env });
}

// Quits the browser and checks it quit normally: what it stored is then on disk, and no lock is
// left behind.
export async function closeCleanly(browser) {
  const { code, signal } = await browser.close();
  assert.equal(signal, null, 'the browser quit by itself, not by a signal');
  assert.equal(code, 0, 'the browser exit code');
}

// Runs `work(page)` in the browser, then closes it cleanly.
export async function withBrowser(profile, env, hosts, work) {
  const browser = await launchProfile(profile, env, hosts);
  try {
    return await work(browser.page);
  } finally {
    await closeCleanly(browser);
  }
}
