// Acceptance test of deleting what session restore would bring back: real Firefox ESR (with
// browser.startup.page=3) and Chromium (session.restore_on_startup=1 and --restore-last-session)
// store session cookies and sessionStorage for www.example.test, news.keep.test and the tracker
// framed in both, quit cleanly, `cookiewarden delete example.test` runs, and the browser, relaunched
// on the same profile, restores the session: example.test's session cookies and sessionStorage
// (and the tracker's under example.test) must not come back, keep.test's must.
//
// Run: COOKIEWARDEN=build/native/native-host/cookiewarden node --test tests/e2e/profile_deletion/session_restore.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { launchChromium } from '../lib/chromium_browser.mjs';
import { runCookiewarden } from '../lib/cookiewarden_cli.mjs';
import { chromiumProfile, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { launchFirefox } from '../lib/firefox_browser.mjs';
import { readSessionData, writeSessionData } from '../lib/page_state.mjs';
import { ALL_HOSTS, FIRST_PARTY_HOSTS } from '../lib/site_server.mjs';
import { realProfileSuite } from './real_profiles.mjs';
import { FIREFOX_RESTORE_PREFS } from './make_session_fixtures.mjs';

const DELETED_HOST = 'www.example.test';
const KEPT_HOST = 'news.keep.test';
const SESSION_STORES = { firefox: 'firefox_session_restore', chromium: 'chromium_session_storage' };

const suite = realProfileSuite();

function describeRun(run) {
  return `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
}

// A fresh profile of `family` that restores the previous session on start.
function restoringProfile(family) {
  const home = suite.fakeHome(`session-${family}`);
  if (family === 'firefox') {
    const [profile] = firefoxProfiles(firefoxRoot.legacy(home), ['main']);
    return { home, profile };
  }
  const profile = chromiumProfile(home.configDir);
  fs.mkdirSync(profile.profileDir, { recursive: true });
  fs.writeFileSync(path.join(profile.profileDir, 'Preferences'), JSON.stringify({ session: { restore_on_startup: 1 } }));
  return { home, profile };
}

function launch(family, profile, env) {
  return family === 'firefox'
    ? launchFirefox({ profileDir: profile.profileDir, hosts: ALL_HOSTS, env, extraPrefs: FIREFOX_RESTORE_PREFS, keepSession: true })
    : launchChromium({ userDataDir: profile.userDataDir, env, extraArgs: ['--restore-last-session'] });
}

function pagesOf(family, browser) {
  return family === 'firefox' ? browser.browser.pages() : browser.browser.contexts()[0].pages();
}

async function quit(browser) {
  const { code, signal } = await browser.close();
  assert.equal(signal, null, 'the browser quit by itself, not by a signal');
  assert.equal(code, 0, 'the browser exit code');
}

// The restored tab: the one that shows a first-party page of the test site (Firefox's page list
// also holds the tracker's frame, and each browser opens about:blank besides).
async function restoredTab(family, browser) {
  for (let attempt = 0; attempt < 50; ++attempt) {
    const pages = await pagesOf(family, browser);
    const tab = pages.find((p) => FIRST_PARTY_HOSTS.some((host) => p.url().includes(`//${host}:`)));
    if (tab) return loaded(tab);
    await delay(100);
  }
  assert.fail('the previous session was restored into a tab');
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A tab appears while session restore is still loading it. Driving it then races the restore's own
// navigation, and a WebDriver BiDi call into a document being replaced may never answer (seen on a
// loaded machine: a 180 s protocol timeout). Each probe is bounded; the tab is used once loaded.
async function loaded(tab) {
  for (let attempt = 0; attempt < 100; ++attempt) {
    const state = await Promise.race([tab.evaluate(() => document.readyState).catch(() => null), delay(2000)]);
    if (state === 'complete') return tab;
    await delay(100);
  }
  assert.fail('the restored tab finished loading');
}

// What the session stores of the profile hold for the site, per store kind, from `sites --json`.
function sessionItems(family, env, site) {
  const run = runCookiewarden(['sites', site, '--json'], env);
  assert.equal(run.code, 0, describeRun(run));
  const counts = { cookie: 0, session_storage: 0 };
  for (const profile of JSON.parse(run.stdout).profiles)
    for (const store of profile.stores ?? [])
      if (store.store === SESSION_STORES[family]) for (const item of store.items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}

function scenario(family) {
  it(`${family}: a restored session brings back keep.test's session cookies and sessionStorage, not example.test's`, async () => {
    const { home, profile } = restoringProfile(family);
    const { env } = home;

    let browser = await launch(family, profile, env);
    let beforeState;
    try {
      await writeSessionData(browser.page, suite.server);
      beforeState = await readSessionData(browser.page, suite.server);
    } finally {
      await quit(browser);
    }
    for (const host of [DELETED_HOST, KEPT_HOST]) {
      assert.ok(beforeState[host].self.cookies.length > 0, `${host}: session cookies were set`);
      assert.ok(beforeState[host].self.sessionStorage.length > 0, `${host}: sessionStorage was written`);
      assert.ok(beforeState[host].tracker.sessionStorage.length > 0, `${host}: the tracker wrote sessionStorage`);
    }

    const siteBefore = sessionItems(family, env, 'example.test');
    const keptBefore = sessionItems(family, env, 'keep.test');
    assert.ok(siteBefore.session_storage > 0, `the session store lists example.test's sessionStorage: ${JSON.stringify(siteBefore)}`);
    if (family === 'firefox') assert.ok(siteBefore.cookie > 0, 'sessionstore.jsonlz4 holds example.test session cookies');
    console.log(`${family} session store items before: example.test ${JSON.stringify(siteBefore)}, keep.test ${JSON.stringify(keptBefore)}`);

    const dry = runCookiewarden(['delete', 'example.test', '--dry-run', '--json'], env);
    assert.equal(dry.code, 0, describeRun(dry));
    const dryStores = JSON.parse(dry.stdout).profiles.flatMap((p) => p.stores).filter((s) => s.store === SESSION_STORES[family]);
    assert.ok(dryStores.some((s) => s.items.some((i) => i.kind === 'session_storage')), 'the dry run lists the session_storage items');

    const run = runCookiewarden(['delete', 'example.test'], env);
    assert.equal(run.code, 0, describeRun(run));
    const siteAfter = sessionItems(family, env, 'example.test');
    const keptAfter = sessionItems(family, env, 'keep.test');
    console.log(`${family} session store items after: example.test ${JSON.stringify(siteAfter)}, keep.test ${JSON.stringify(keptAfter)}`);
    assert.deepEqual(siteAfter, { cookie: 0, session_storage: 0 }, 'nothing of example.test is left in the session stores');
    assert.deepEqual(keptAfter, keptBefore, "keep.test's session data is untouched");

    browser = await launch(family, profile, env);
    let restored;
    try {
      restored = await readSessionData(await restoredTab(family, browser), suite.server);
    } finally {
      await quit(browser);
    }
    const empty = { cookies: [], sessionStorage: [] };
    assert.deepEqual(restored[DELETED_HOST], { self: empty, tracker: empty },
      'example.test and the tracker under it get no session cookie and no sessionStorage back');
    assert.deepEqual(restored[KEPT_HOST], beforeState[KEPT_HOST], "keep.test's session is restored as it was");
  });
}

describe('cookiewarden delete and session restore in real browsers', { concurrency: 1 }, () => {
  scenario('firefox');
  scenario('chromium');
});
