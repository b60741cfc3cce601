// A real browser launched while `cookiewarden delete` is in the middle of editing its profile.
// The host pauses right before each commit (COOKIEWARDEN_TEST_PAUSE_DIR, platform/commit_gate.h);
// while it is paused with a transaction open, the test launches Chromium or Firefox ESR on the
// profile:
// - Chromium and Firefox find their own single-instance lock held and do not open the profile
//   (Chromium exits 21, "profile in use ... on another computer"; Firefox says "already running").
//   The deletion then finishes: example.test is gone, keep.test is as before.
// - Chromium whose user chose "Unlock profile" (which removes the SingletonLock) does start: the
//   host sees its lock taken before the commit, commits nothing more, says so, and the browser
//   sees the before state; every store is valid.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

import { launchProfile, withBrowser as withProfileBrowser } from '../lib/browser_session.mjs';
import { launchChromium } from '../lib/chromium_browser.mjs';
import { cookieOfSite, readCookieRows } from '../lib/cookie_rows.mjs';
import { COOKIEWARDEN } from '../lib/cookiewarden_cli.mjs';
import { chromiumProfile, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { readSiteData, writeSiteData } from '../lib/page_state.mjs';
import { integrityCheck, sqliteRows } from '../lib/sqlite_probe.mjs';
import { ALL_HOSTS } from '../lib/site_server.mjs';
import { realProfileSuite } from './real_profiles.mjs';

const DELETED_SITE = 'example.test';
const DELETED_HOST = 'www.example.test';
const KEPT_HOST = 'news.keep.test';
const EMPTY = { cookies: [], localStorage: [], indexedDB: [] };

const suite = realProfileSuite();

const launch = (profile, env) => launchProfile(profile, env, ALL_HOSTS);
const withBrowser = (profile, env, work) => withProfileBrowser(profile, env, ALL_HOSTS, work);

function editedDatabases(profile) {
  if (profile.family === 'chromium') return [profile.cookieDb, path.join(profile.profileDir, 'WebStorage', 'QuotaManager')];
  return [profile.cookieDb, path.join(profile.profileDir, 'storage.sqlite')];
}

function assertStoresValid(profile) {
  for (const db of editedDatabases(profile)) assert.equal(integrityCheck(db), 'ok', `integrity of ${db}`);
}

// `cookiewarden delete` started with the pause hook. pauses() yields the file about to be committed
// each time the host stops before a commit; resume() lets that commit go on.
function startPausedDeletion(env, pauseDir) {
  const child = spawn(COOKIEWARDEN, ['delete', DELETED_SITE, '--json'], {
    env: { ...env, COOKIEWARDEN_TEST_PAUSE_DIR: pauseDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '', stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c) => { stdout += c; });
  child.stderr.setEncoding('utf8').on('data', (c) => { stderr += c; });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  let done = false;
  exited.then(() => { done = true; });
  const marker = path.join(pauseDir, 'paused');
  return {
    exited,
    // The next pause, or null once the host has exited.
    async nextPause() {
      while (!done) {
        if (fs.existsSync(marker)) return fs.readFileSync(marker, 'utf8').trim();
        await new Promise((r) => setTimeout(r, 20));
      }
      return null;
    },
    resume() {
      fs.rmSync(marker, { force: true });
    },
    async resumeToEnd() {
      while ((await this.nextPause()) !== null) this.resume();
      return exited;
    },
  };
}

async function populated(label, family) {
  const home = suite.fakeHome(`midedit-${label}`);
  const profile = family === 'chromium' ? chromiumProfile(home.configDir) : firefoxProfiles(firefoxRoot.legacy(home), ['main'])[0];
  const state = await withBrowser(profile, home.env, async (page) => {
    await writeSiteData(page, suite.server);
    return readSiteData(page, suite.server);
  });
  for (const host of [DELETED_HOST, KEPT_HOST]) assert.ok(state[host].self.cookies.length > 0, `${host} has cookies`);
  const pauseDir = fs.mkdtempSync(path.join(os.tmpdir(), `cw-pause-${label}-`));
  return { home, profile, before: state, pauseDir };
}

// Launching the browser must fail: it does not open a profile under deletion.
async function assertLaunchRefused(profile, env) {
  let browser;
  try {
    browser = await launch(profile, env);
  } catch (error) {
    return String(error.message ?? error);
  }
  await browser.close();
  assert.fail(`${profile.family} opened the profile while cookiewarden was editing it`);
}

function otherSitesRows(profile) {
  return readCookieRows(profile, { readonly: true }).filter((row) => !cookieOfSite(row, DELETED_SITE));
}

function keptOutScenario(family) {
  it(`${family}: launched mid-edit, it does not open the profile; the deletion completes`, async () => {
    const { home, profile, before: beforeState, pauseDir } = await populated(`${family}-out`, family);
    const keptRows = otherSitesRows(profile);
    const run = startPausedDeletion(home.env, pauseDir);
    const first = await run.nextPause();
    assert.ok(first, 'the host paused before its first commit');
    const refusal = await assertLaunchRefused(profile, home.env);
    if (family === 'chromium') assert.match(refusal, /exited \(21\)|in use/, 'Chromium refused the profile as in use');
    else assert.ok(refusal.length > 0, 'Firefox did not start');
    // Once more at a later commit point (a LevelDB or folder store).
    const second = await run.nextPause();
    if (second !== null) {
      await assertLaunchRefused(profile, home.env);
    }
    const result = await run.resumeToEnd();
    assert.equal(result.code, 0, `exit ${result.code}\n${result.stdout}\n${result.stderr}`);
    const report = JSON.parse(result.stdout);
    assert.equal(report.complete, true, result.stdout);

    assertStoresValid(profile);
    assert.deepEqual(otherSitesRows(profile), keptRows, 'every other site\'s cookie row is still there');
    assert.equal(readCookieRows(profile).filter((row) => cookieOfSite(row, DELETED_SITE)).length, 0);
    const afterState = await withBrowser(profile, home.env, (page) => readSiteData(page, suite.server));
    assert.deepEqual(afterState[DELETED_HOST], { self: EMPTY, tracker: EMPTY }, 'example.test is gone');
    assert.deepEqual(afterState[KEPT_HOST], beforeState[KEPT_HOST], 'keep.test is as before');
    assertStoresValid(profile);
  });
}

describe('a browser launched while cookiewarden edits its profile', { concurrency: 1 }, () => {
  keptOutScenario('chromium');
  keptOutScenario('firefox');

  it('chromium: a user who unlocks the profile mid-edit gets the before state, and the host reports it', async () => {
    const { home, profile, before: beforeState, pauseDir } = await populated('chromium-unlock', 'chromium');
    // Persistent rows only: Chromium itself drops session cookies from disk when it starts.
    const persistentRows = (site) => sqliteRows(profile.cookieDb,
      `SELECT host_key, top_frame_site_key, name FROM cookies WHERE is_persistent = 1 AND (host_key LIKE '%${site}' OR top_frame_site_key LIKE '%${site}') ORDER BY 1, 2, 3`,
      { readonly: true });
    const siteRows = persistentRows(DELETED_SITE);
    const keptRows = persistentRows('keep.test');
    assert.ok(siteRows.length > 0 && keptRows.length > 0, 'both sites have persistent cookies');
    const run = startPausedDeletion(home.env, pauseDir);
    const first = await run.nextPause();
    assert.match(first, /Cookies$/, 'the first commit is the cookie database');
    // What Chromium's "Unlock profile and relaunch" does: remove the lock, then start.
    fs.rmSync(path.join(profile.userDataDir, 'SingletonLock'));
    const browser = await launchChromium({ userDataDir: profile.userDataDir, env: home.env });
    let during, result;
    try {
      during = await readSiteData(browser.page, suite.server);
      result = await run.resumeToEnd();
    } finally {
      await browser.close();
    }
    assert.deepEqual(during[DELETED_HOST], beforeState[DELETED_HOST], 'the browser sees example.test as before');
    assert.deepEqual(during[KEPT_HOST], beforeState[KEPT_HOST], 'and keep.test as before');
    const report = JSON.parse(result.stdout);
    const [outcome] = report.profiles;
    assert.equal(report.complete, false, result.stdout);
    assert.match(outcome.message, /started during the deletion/, result.stdout);
    assert.ok(outcome.stores.every((s) => s.skipped !== null), `no store was edited:\n${result.stdout}`);
    assertStoresValid(profile);
    assert.deepEqual(persistentRows('keep.test'), keptRows, 'every keep.test cookie row is still there');
    assert.deepEqual(persistentRows(DELETED_SITE), siteRows, 'example.test cookies are as before: the refused commit was rolled back');
  });
});
