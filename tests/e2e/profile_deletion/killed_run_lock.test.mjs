// A real Chromium started after `cookiewarden delete` was SIGKILLed mid-edit, before any next run.
// The killed run's SingletonLock (`<host>.cookiewarden-<pid>`) stays behind: Chromium 156 judges a
// lock of another host as a profile in use on another computer, whatever its pid, so it does not
// open the profile (headless exits 21; with a display it offers "Unlock profile"). That is the
// choice (README "Survive being killed"): a store of folders plus rows may be half-way until the
// next run rolls it forward, and a browser must not build on that. The next cookiewarden run in
// that profile removes the stale lock (its pid is gone) and finishes the deletion's stores; then
// Chromium opens the profile, every other site's data as before.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

import { withBrowser as withProfileBrowser } from '../lib/browser_session.mjs';
import { launchChromium } from '../lib/chromium_browser.mjs';
import { COOKIEWARDEN, runCookiewarden } from '../lib/cookiewarden_cli.mjs';
import { chromiumProfile } from '../lib/fake_home.mjs';
import { readSiteData, writeSiteData } from '../lib/page_state.mjs';
import { integrityCheck, sqliteRows } from '../lib/sqlite_probe.mjs';
import { realProfileSuite } from './real_profiles.mjs';

const DELETED_SITE = 'example.test';
const DELETED_HOST = 'www.example.test';
const KEPT_HOST = 'news.keep.test';

const suite = realProfileSuite();

const withChromium = (profile, env, work) => withProfileBrowser(profile, env, [], work);

// `cookiewarden delete` paused before its first commit (COOKIEWARDEN_TEST_PAUSE_DIR), then killed.
async function killAtFirstCommit(env) {
  const pauseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-killed-'));
  const child = spawn(COOKIEWARDEN, ['delete', DELETED_SITE, '--json'], {
    env: { ...env, COOKIEWARDEN_TEST_PAUSE_DIR: pauseDir },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const marker = path.join(pauseDir, 'paused');
  while (!fs.existsSync(marker)) await new Promise((r) => setTimeout(r, 20));
  const pausedAt = fs.readFileSync(marker, 'utf8').trim();
  child.kill('SIGKILL');
  const { signal } = await exited;
  fs.rmSync(pauseDir, { recursive: true, force: true });
  return { pausedAt, signal };
}

describe('Chromium after a killed deletion', { concurrency: 1 }, () => {
  it('does not open the profile until the next run removes the stale lock, then sees it as before', async () => {
    const home = suite.fakeHome('killed-lock');
    const profile = chromiumProfile(home.configDir);
    const beforeState = await withChromium(profile, home.env, async (page) => {
      await writeSiteData(page, suite.server);
      return readSiteData(page, suite.server);
    });
    // Persistent rows only: Chromium itself drops session cookies from disk when it starts.
    const persistentRows = () => sqliteRows(profile.cookieDb,
      'SELECT host_key, top_frame_site_key, name, hex(encrypted_value) FROM cookies WHERE is_persistent = 1 ORDER BY 1, 2, 3',
      { readonly: true });
    const rowsBefore = persistentRows();

    const killed = await killAtFirstCommit(home.env);
    assert.equal(killed.signal, 'SIGKILL');
    const lock = path.join(profile.userDataDir, 'SingletonLock');
    const target = fs.readlinkSync(lock);
    assert.match(target, /\.cookiewarden-\d+$/, 'the killed run left its lock');

    // Before any next run: Chromium refuses the profile and changes nothing.
    let refusal = null;
    try {
      const browser = await launchChromium({ userDataDir: profile.userDataDir, env: home.env });
      await browser.close();
    } catch (error) {
      refusal = String(error.message ?? error);
    }
    assert.ok(refusal, 'Chromium opened a profile a killed run left locked');
    assert.match(refusal, /exited \(21\)/, 'Chromium refused it as in use on another computer');
    assert.equal(fs.readlinkSync(lock), target, 'the lock is as the killed run left it');
    assert.equal(integrityCheck(profile.cookieDb), 'ok');

    // The next run (any deletion in that profile) removes the stale lock.
    const next = runCookiewarden(['delete', 'nothing.test', '--json'], home.env);
    assert.equal(next.code, 0, `${next.stdout}\n${next.stderr}`);
    assert.ok(!fs.existsSync(lock), 'the next run removed the stale lock');

    // Killed before its first commit, the deletion changed nothing: Chromium now opens the
    // profile and sees both sites as before.
    assert.deepEqual(persistentRows(), rowsBefore, 'every persistent cookie row is as before');
    const afterState = await withChromium(profile, home.env, (page) => readSiteData(page, suite.server));
    assert.deepEqual(afterState[DELETED_HOST], beforeState[DELETED_HOST], 'example.test is as before');
    assert.deepEqual(afterState[KEPT_HOST], beforeState[KEPT_HOST], 'keep.test is as before');
  });
});
