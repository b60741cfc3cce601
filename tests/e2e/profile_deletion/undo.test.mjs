// Acceptance test of `cookiewarden undo`: real Chromium and Firefox ESR write a test site's data
// into real profiles in a fake home, `cookiewarden delete example.test` removes it, `cookiewarden
// undo` puts it back, and the browser, relaunched on the same profile, must see exactly what it saw
// before the deletion: the same cookies, localStorage and IndexedDB, for example.test and for the
// tracker partitioned under it. On disk every column of every cookie row is back byte for byte
// (Chromium's encrypted values, partition keys, Firefox's origin attributes).
//
// Run: COOKIEWARDEN=build/native/native-host/cookiewarden node --test tests/e2e/profile_deletion/undo.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { withBrowser as withProfileBrowser } from '../lib/browser_session.mjs';
import { cookieOfSite, exactCookieRows, readCookieRows } from '../lib/cookie_rows.mjs';
import { runCookiewarden } from '../lib/cookiewarden_cli.mjs';
import { chromiumProfile, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { readSiteData, writeSiteData } from '../lib/page_state.mjs';
import { integrityCheck } from '../lib/sqlite_probe.mjs';
import { ALL_HOSTS } from '../lib/site_server.mjs';
import { realProfileSuite } from './real_profiles.mjs';

const DELETED_SITE = 'example.test';
const DELETED_HOST = 'www.example.test';

const suite = realProfileSuite();

const withBrowser = (profile, env, work) => withProfileBrowser(profile, env, ALL_HOSTS, work);

function describeRun(run) {
  return `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
}

function undoScenario(family) {
  it(`${family}: undo after delete restores example.test so the browser sees exactly what it saw before`, async () => {
    const home = suite.fakeHome(`${family}-undo`);
    const { env } = home;
    const profile = family === 'chromium' ? chromiumProfile(home.configDir) : firefoxProfiles(firefoxRoot.legacy(home), ['main'])[0];

    const before = await withBrowser(profile, env, async (page) => {
      await writeSiteData(page, suite.server);
      return readSiteData(page, suite.server);
    });
    for (const frame of ['self', 'tracker']) {
      const view = before[DELETED_HOST][frame];
      assert.ok(view.cookies.length && view.localStorage.length && view.indexedDB.length, `${frame}: data was written`);
    }
    const rowsBefore = exactCookieRows(profile);

    const deleted = runCookiewarden(['delete', DELETED_SITE, '--json'], env);
    assert.equal(deleted.code, 0, describeRun(deleted));
    const [result] = JSON.parse(deleted.stdout).profiles;
    assert.match(result.undo?.id ?? '', /^\d{8}T\d{9}Z-[0-9a-f]{6}$/, 'the deletion names its undo ID');
    assert.deepEqual(result.undo.not_undoable, [], 'everything deleted can be undone');
    assert.equal(readCookieRows(profile).filter((row) => cookieOfSite(row, DELETED_SITE)).length, 0, 'deleted on disk');
    const journal = path.join(home.home, '.local', 'state', 'cookiewarden', 'undo', result.undo.id);
    assert.equal(fs.statSync(journal).mode & 0o777, 0o700, 'the journal folder is private');

    const undone = runCookiewarden(['undo', result.undo.id], env);
    assert.equal(undone.code, 0, describeRun(undone));
    assert.match(undone.stdout, /restored \d+ items/);
    assert.deepEqual(exactCookieRows(profile), rowsBefore, 'every cookie row is back, every column byte for byte');
    assert.equal(integrityCheck(profile.cookieDb), 'ok');
    assert.ok(!fs.existsSync(journal), 'an undone journal is removed');

    const after = await withBrowser(profile, env, (page) => readSiteData(page, suite.server));
    assert.deepEqual(after, before, 'the browser sees the same cookies, localStorage and IndexedDB as before');
  });
}

describe('cookiewarden undo on real browser profiles', { concurrency: 1 }, () => {
  undoScenario('chromium');
  undoScenario('firefox');
});
