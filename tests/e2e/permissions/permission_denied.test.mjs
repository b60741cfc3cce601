// Profiles the user may read but not change: `cookiewarden delete` run as an unprivileged user
// (setpriv to nobody) on copies of real browser-written cookie stores. Each refused store is
// reported as permission_denied naming its file, the run exits 3 (partial), and the files are
// byte-for-byte what they were; a store the user owns in the same run is still cleaned.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CHROMIUM_COOKIES, FIREFOX_COOKIES } from '../lib/cookie_store_fixtures.mjs';
import { COOKIEWARDEN } from '../lib/cookiewarden_cli.mjs';
import { chromiumProfile, createFakeHome, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { sqliteRows } from '../lib/sqlite_probe.mjs';

const NOBODY = 65534;
const canDropPrivileges = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;

let home;

const sha1 = (file) => createHash('sha1').update(fs.readFileSync(file)).digest('hex');

function ownTree(dir, uid) {
  fs.chownSync(dir, uid, uid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) ownTree(child, uid);
    else fs.chownSync(child, uid, uid);
  }
}

function deleteAsNobody(site, extra = []) {
  const run = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', COOKIEWARDEN,
    'delete', site, '--json', ...extra], { env: home.env, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  return { code: run.status, report: run.stdout ? JSON.parse(run.stdout) : null, stderr: run.stderr };
}

const storeOf = (report, store) => report.profiles.flatMap((p) => p.stores).find((s) => s.store === store);

before(() => {
  if (!canDropPrivileges) return;
  home = createFakeHome('permissions');
  fs.chmodSync(home.home, 0o755);  // mkdtemp makes it 0700: nobody could not even look inside
  // The home is root's, but a real user owns their state folder, where the undo journal goes.
  const local = path.join(home.home, '.local');
  fs.mkdirSync(local, { mode: 0o700 });
  fs.chownSync(local, NOBODY, NOBODY);
});
after(() => home?.remove());

test('a read-only cookie file and a read-only IndexedDB folder are refused untouched', { skip: !canDropPrivileges && 'needs root and setpriv to run as nobody' }, () => {
  const profile = chromiumProfile(home.configDir);
  fs.mkdirSync(profile.profileDir, { recursive: true });
  fs.copyFileSync(CHROMIUM_COOKIES, profile.cookieDb);
  const idb = path.join(profile.profileDir, 'IndexedDB', 'https_news.keep.test_0.indexeddb.leveldb');
  fs.mkdirSync(idb, { recursive: true });
  fs.writeFileSync(path.join(idb, '000003.log'), 'records');
  fs.chmodSync(profile.cookieDb, 0o644);
  for (const dir of [home.configDir, path.dirname(profile.userDataDir), profile.userDataDir]) fs.chmodSync(dir, 0o755);
  const before = sha1(profile.cookieDb);

  const { code, report } = deleteAsNobody('keep.test', ['--browser', 'chromium']);
  assert.equal(code, 3);
  const cookies = storeOf(report, 'chromium_cookies');
  assert.equal(cookies.skipped, 'permission_denied');
  assert.match(cookies.message, new RegExp(profile.cookieDb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.deepEqual(cookies.items, []);
  assert.equal(storeOf(report, 'chromium_indexeddb').skipped, 'permission_denied');
  assert.equal(sha1(profile.cookieDb), before);
  assert.ok(fs.existsSync(path.join(idb, '000003.log')));
  assert.deepEqual(fs.readdirSync(profile.profileDir).sort(), ['Cookies', 'IndexedDB']);
  fs.rmSync(profile.userDataDir, { recursive: true });
});

test('a writable cookie file in a folder the user cannot write is refused untouched (no journal possible)', { skip: !canDropPrivileges && 'needs root and setpriv to run as nobody' }, () => {
  const [profile] = firefoxProfiles(firefoxRoot.legacy(home), ['locked']);
  fs.copyFileSync(FIREFOX_COOKIES, profile.cookieDb);
  fs.chmodSync(profile.cookieDb, 0o666);
  for (let dir = profile.profileDir; dir.startsWith(home.home); dir = path.dirname(dir)) fs.chmodSync(dir, 0o755);
  const before = sha1(profile.cookieDb);

  const { code, report } = deleteAsNobody('example.test', ['--browser', 'firefox']);
  assert.equal(code, 3);
  assert.equal(storeOf(report, 'firefox_cookies').skipped, 'permission_denied');
  assert.equal(sha1(profile.cookieDb), before);
  assert.deepEqual(fs.readdirSync(profile.profileDir), ['cookies.sqlite']);
  fs.rmSync(path.dirname(profile.profileDir), { recursive: true });
});

test('the same real stores owned by the user are cleaned by the same unprivileged run', { skip: !canDropPrivileges && 'needs root and setpriv to run as nobody' }, () => {
  const [profile] = firefoxProfiles(firefoxRoot.legacy(home), ['owned']);
  fs.copyFileSync(FIREFOX_COOKIES, profile.cookieDb);
  fs.chmodSync(profile.cookieDb, 0o644);  // Firefox's own mode (a checkout may not keep it)
  ownTree(path.join(home.home, '.mozilla'), NOBODY);
  const hosts = () => sqliteRows(profile.cookieDb, 'SELECT host FROM moz_cookies').map(([host]) => host);
  assert.ok(hosts().some((h) => h.endsWith('example.test')));

  const { code, report } = deleteAsNobody('example.test', ['--browser', 'firefox']);
  assert.equal(code, 0, JSON.stringify(report));
  assert.equal(storeOf(report, 'firefox_cookies').skipped, null);
  assert.ok(storeOf(report, 'firefox_cookies').items.length > 0);
  assert.deepEqual(hosts().filter((h) => h.endsWith('example.test')), []);
  assert.ok(hosts().some((h) => h.endsWith('keep.test')));
});
