// Acceptance test of the native host: real Chromium and Firefox ESR write a test site's data into
// real profiles in a fake home, `cookiewarden delete example.test` runs against them, and the
// browsers, relaunched on the same profiles, must no longer see example.test's cookies,
// localStorage and IndexedDB (nor what the tracker stored partitioned under example.test) while
// keep.test and the tracker's keep.test partition are exactly as before.
// A second scenario deletes while the browser runs on profile A: A must be refused and left
// untouched (exit code 3, message naming the browser), while closed profile B is cleaned.
//
// Run: COOKIEWARDEN=build/native/native-host/cookiewarden node --test tests/e2e/profile_deletion/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { closeCleanly, launchProfile, withBrowser as withProfileBrowser } from '../lib/browser_session.mjs';
import { cookieOfSite, readCookieRows } from '../lib/cookie_rows.mjs';
import { runCookiewarden } from '../lib/cookiewarden_cli.mjs';
import { chromiumProfile, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { readSiteData, writeSiteData } from '../lib/page_state.mjs';
import { integrityCheck } from '../lib/sqlite_probe.mjs';
import { ALL_HOSTS } from '../lib/site_server.mjs';
import { realProfileSuite } from './real_profiles.mjs';

const DELETED_SITE = 'example.test';
const DELETED_HOST = 'www.example.test';
const KEPT_HOST = 'news.keep.test';
const EXIT_PARTIAL = 3;  // native-host cli_command.h: some targets skipped (a browser was running)

const suite = realProfileSuite();

const launch = (profile, env) => launchProfile(profile, env, ALL_HOSTS);
const withBrowser = (profile, env, work) => withProfileBrowser(profile, env, ALL_HOSTS, work);

// Writes the test site's data into the profile and returns what the pages see afterwards.
async function populate(profile, env) {
  return withBrowser(profile, env, async (page) => {
    await writeSiteData(page, suite.server);
    return readSiteData(page, suite.server);
  });
}

const EMPTY = { cookies: [], localStorage: [], indexedDB: [] };

function assertPopulated(state) {
  for (const host of [DELETED_HOST, KEPT_HOST]) {
    for (const frame of ['self', 'tracker']) {
      const view = state[host][frame];
      assert.ok(view.cookies.length > 0, `${host} ${frame}: cookies were written`);
      assert.ok(view.localStorage.length > 0, `${host} ${frame}: localStorage was written`);
      assert.ok(view.indexedDB.length > 0, `${host} ${frame}: IndexedDB was written`);
    }
  }
}

function siteCookieCount(profile, site) {
  return readCookieRows(profile).filter((row) => cookieOfSite(row, site)).length;
}

function describeRun(run) {
  return `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
}

// The SQLite files the deletion edits: the cookie store and the quota bookkeeping.
function editedDatabases(profile) {
  if (profile.family === 'chromium') return [profile.cookieDb, path.join(profile.profileDir, 'WebStorage', 'QuotaManager')];
  return [profile.cookieDb, path.join(profile.profileDir, 'storage.sqlite')];
}

// Per-origin folders of a host, any port and partition: Chromium IndexedDB/https_<host>_<port>.*,
// Firefox storage/default/https+++<host>+<port>[^partitionKey=...].
function originFolders(profile, host) {
  const dir = profile.family === 'chromium' ? path.join(profile.profileDir, 'IndexedDB') : path.join(profile.profileDir, 'storage', 'default');
  const prefix = profile.family === 'chromium' ? `https_${host}_` : `https+++${host}+`;
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => name.startsWith(prefix));
}

function closedProfileScenario(family) {
  it(`${family}: deletes example.test from a closed profile; keep.test and the tracker's keep.test partition stay`, async () => {
    // XDG_CONFIG_HOME moved: discovery must look there (Chromium, and Firefox's XDG root).
    const home = suite.fakeHome(`${family}-closed`, { xdgConfigHome: 'xdg-config' });
    const { env } = home;
    const profile = family === 'chromium' ? chromiumProfile(home.configDir) : firefoxProfiles(firefoxRoot.xdg(home), ['main'])[0];

    const before = await populate(profile, env);
    assertPopulated(before);
    const keptRowsBefore = readCookieRows(profile).filter((row) => !cookieOfSite(row, DELETED_SITE));
    assert.ok(siteCookieCount(profile, DELETED_SITE) > 0, 'example.test cookies are on disk before the deletion');

    const run = runCookiewarden(['delete', DELETED_SITE], env);
    assert.equal(run.code, 0, describeRun(run));

    assert.equal(siteCookieCount(profile, DELETED_SITE), 0, 'no example.test cookie row is left on disk');
    assert.deepEqual(readCookieRows(profile).filter((row) => !cookieOfSite(row, DELETED_SITE)), keptRowsBefore,
      'every other cookie row is still there');
    for (const db of editedDatabases(profile)) assert.equal(integrityCheck(db), 'ok', `integrity of ${db}`);

    const afterDeletion = await withBrowser(profile, env, (page) => readSiteData(page, suite.server));
    assert.deepEqual(afterDeletion[DELETED_HOST], { self: EMPTY, tracker: EMPTY },
      'example.test and the tracker partitioned under it hold nothing');
    assert.deepEqual(afterDeletion[KEPT_HOST], before[KEPT_HOST], 'keep.test and the tracker under keep.test are intact');
    for (const db of editedDatabases(profile)) assert.equal(integrityCheck(db), 'ok', `integrity of ${db} after relaunch`);
  });
}

function runningProfileScenario(family) {
  it(`${family}: refuses a running profile and leaves it untouched, cleans a closed one`, async () => {
    // The default ~/.config and Firefox's legacy ~/.mozilla root.
    const home = suite.fakeHome(`${family}-running`);
    const { env } = home;
    const [a, b] = family === 'chromium'
      ? [chromiumProfile(home.configDir, 'chromium'), chromiumProfile(home.configDir, 'google-chrome')]
      : firefoxProfiles(firefoxRoot.legacy(home), ['a', 'b']);
    assertPopulated(await populate(a, env));
    assertPopulated(await populate(b, env));
    const rowsOfA = readCookieRows(a);
    const foldersOfA = originFolders(a, DELETED_HOST);
    assert.ok(rowsOfA.some((row) => cookieOfSite(row, DELETED_SITE)), 'profile A holds example.test cookies');
    assert.ok(foldersOfA.length > 0, 'profile A holds example.test storage folders');

    const running = await launch(a, env);
    let run, jsonRun;
    try {
      run = runCookiewarden(['delete', DELETED_SITE], env);
      jsonRun = runCookiewarden(['delete', DELETED_SITE, '--json'], env);
    } finally {
      await closeCleanly(running);
    }
    assert.equal(run.code, EXIT_PARTIAL, describeRun(run));
    const browserName = family === 'chromium' ? 'Chromium' : 'Firefox';
    const refusal = `${run.stdout}\n${run.stderr}`.split('\n').find((line) => line.includes(browserName) && /running/i.test(line));
    assert.ok(refusal, `a line names ${browserName} as running:\n${describeRun(run)}`);

    assert.equal(jsonRun.code, EXIT_PARTIAL, describeRun(jsonRun));
    const results = JSON.parse(jsonRun.stdout).profiles;
    const resultOf = (profile) => results.find((r) => r.profile.path === profile.profileDir);
    assert.equal(resultOf(a)?.skipped, 'running', 'profile A is refused as running');
    assert.match(resultOf(a).message, new RegExp(browserName));
    assert.equal(resultOf(b)?.skipped, null, 'profile B is not refused');

    assert.deepEqual(readCookieRows(a), rowsOfA, 'profile A: every cookie row is as before');
    assert.deepEqual(originFolders(a, DELETED_HOST), foldersOfA, 'profile A: example.test storage folders are as before');
    assert.equal(siteCookieCount(b, DELETED_SITE), 0, 'profile B: no example.test cookie is left');
    assert.ok(readCookieRows(b).some((row) => cookieOfSite(row, 'keep.test')), 'profile B: keep.test cookies stay');
    assert.deepEqual(originFolders(b, DELETED_HOST), [], 'profile B: example.test storage folders are gone');
    assert.ok(originFolders(b, KEPT_HOST).length > 0, 'profile B: keep.test storage folders stay');
    for (const profile of [a, b])
      for (const db of editedDatabases(profile)) assert.equal(integrityCheck(db), 'ok', `integrity of ${db}`);
  });
}

describe('cookiewarden delete on real browser profiles', { concurrency: 1 }, () => {
  closedProfileScenario('chromium');
  closedProfileScenario('firefox');
  runningProfileScenario('chromium');
  runningProfileScenario('firefox');
});
