// Writes the session-data fixtures of the native-host store tests with the real browsers:
//   <out>/firefox-session-restore/  a Firefox ESR profile's sessionstore.jsonlz4 and
//       sessionstore-backups/ after two sessions with browser.startup.page=3: session cookies and
//       sessionStorage of www.example.test, news.keep.test and the tracker partitioned under both,
//       an open tab and a closed one;
//   <out>/chromium-session-storage/  Chromium's <profile>/Session Storage LevelDB after the same
//       visits, plus a popup that clones the first tab's sessionStorage (a map shared by two
//       namespaces).
// Run: node tests/e2e/profile_deletion/make_session_fixtures.mjs tests/native-host/fixtures
import fs from 'node:fs';
import path from 'node:path';

import { launchChromium } from '../lib/chromium_browser.mjs';
import { chromiumProfile, createFakeHome, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { launchFirefox } from '../lib/firefox_browser.mjs';
import { writeSessionData } from '../lib/page_state.mjs';
import { ALL_HOSTS, startSiteServer } from '../lib/site_server.mjs';

export const FIREFOX_RESTORE_PREFS = { 'browser.startup.page': 3, 'browser.sessionstore.restore_on_demand': false };

async function firefoxFixture(server, out) {
  const home = createFakeHome('session-fixture-ff');
  try {
    const [profile] = firefoxProfiles(firefoxRoot.legacy(home), ['main']);
    const options = { profileDir: profile.profileDir, hosts: ALL_HOSTS, env: home.env, extraPrefs: FIREFOX_RESTORE_PREFS, keepSession: true };
    let firefox = await launchFirefox(options);
    await writeSessionData(firefox.page, server);
    const closed = await firefox.browser.newPage();
    await closed.goto(server.url('www.example.test', '/session'), { waitUntil: 'load' });
    await closed.close();
    await firefox.close();
    // A second session restores the first and moves its file to sessionstore-backups/.
    firefox = await launchFirefox(options);
    await firefox.close();
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(path.join(out, 'sessionstore-backups'), { recursive: true });
    fs.copyFileSync(path.join(profile.profileDir, 'sessionstore.jsonlz4'), path.join(out, 'sessionstore.jsonlz4'));
    const backups = path.join(profile.profileDir, 'sessionstore-backups');
    for (const name of fs.readdirSync(backups)) fs.copyFileSync(path.join(backups, name), path.join(out, 'sessionstore-backups', name));
  } finally {
    home.remove();
  }
}

async function chromiumFixture(server, out) {
  const home = createFakeHome('session-fixture-cr');
  try {
    const profile = chromiumProfile(home.configDir);
    const chromium = await launchChromium({ userDataDir: profile.userDataDir, env: home.env });
    await writeSessionData(chromium.page, server);
    await chromium.page.goto(server.url('www.example.test', '/session'), { waitUntil: 'load' });
    const popup = chromium.page.waitForEvent('popup');
    await chromium.page.evaluate(() => { window.open('/show'); });
    await (await popup).waitForLoadState('load');
    await chromium.close();
    fs.rmSync(out, { recursive: true, force: true });
    fs.cpSync(path.join(profile.profileDir, 'Session Storage'), out, { recursive: true });
    for (const name of ['LOCK', 'LOG', 'LOG.old']) fs.rmSync(path.join(out, name), { force: true });
  } finally {
    home.remove();
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const outDir = process.argv[2] ?? 'tests/native-host/fixtures';
  const server = await startSiteServer();
  try {
    await firefoxFixture(server, path.join(outDir, 'firefox-session-restore'));
    await chromiumFixture(server, path.join(outDir, 'chromium-session-storage'));
  } finally {
    await server.close();
  }
}
