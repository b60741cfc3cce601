// The Windows build of `cookiewarden` (tests/windows/build.sh), run under Wine: what the doctest
// suites cannot show from inside one process — the registry keys the installer writes (read back
// with Wine's own `reg`), profile discovery under %LOCALAPPDATA%/%APPDATA%, a deletion that
// replaces a real SQLite file, the lock probe that tells a running browser, and native-messaging
// framing over Windows pipes. Each test has its own Wine prefix (its own C: drive and registry).
// What Wine cannot prove (real Windows sharing semantics in every corner, MSVC, code signing) is
// listed in the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteRows, integrityCheck } from '../e2e/lib/sqlite_probe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'native-host', 'fixtures', 'cookie-stores');
const WINE_RUN = path.join(here, 'wine-run');
const CROSS = process.env.WARDEN_WINDOWS_BUILD ?? path.join(here, '..', '..', 'build', 'native', 'windows', 'cross');
const EXE = path.join(CROSS, 'native-host', 'cookiewarden.exe');
const HOLD = path.join(CROSS, 'tests', 'hold_exclusive.exe');
const WINESERVER = path.join(path.dirname(process.env.WARDEN_WINE ?? '/usr/lib/wine/wine64'), 'wineserver');
const CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';

// A fresh Wine prefix; its user folder (drive_c/users/<name>) once Wine has created it.
function newPrefix(t) {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-wine-'));
  t.after(() => {
    spawnSync(WINESERVER, ['-k'], { env: { ...process.env, WINEPREFIX: prefix } });
    fs.rmSync(prefix, { recursive: true, force: true });
  });
  wine(prefix, ['cmd', '/c', 'echo']);  // creates the prefix and its user profile
  const users = path.join(prefix, 'drive_c', 'users');
  const user = fs.readdirSync(users).find((name) => name !== 'Public');
  assert.ok(user, `Wine created no user folder in ${users}`);
  return { prefix, home: path.join(users, user) };
}

function wine(prefix, args, input) {
  const result = spawnSync(WINE_RUN, args, {
    env: { ...process.env, WINEPREFIX: prefix }, input, encoding: 'utf8', timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cookiewarden(prefix, args) {
  return wine(prefix, [EXE, ...args]);
}

function regQuery(prefix, key) {
  return wine(prefix, ['reg', 'query', key]);
}

// A closed Chrome profile and a closed Firefox profile, laid out where Windows keeps them, each with
// a real cookie store written by that browser (fixtures/cookie-stores/SOURCES.md).
function layOutProfiles(home) {
  const chromeData = path.join(home, 'AppData', 'Local', 'Google', 'Chrome', 'User Data');
  const chromeCookies = path.join(chromeData, 'Default', 'Network', 'Cookies');
  fs.mkdirSync(path.dirname(chromeCookies), { recursive: true });
  fs.copyFileSync(path.join(fixtures, 'chromium156-linux-Cookies.sqlite'), chromeCookies);
  fs.writeFileSync(path.join(chromeData, 'Local State'), JSON.stringify({ profile: { info_cache: { Default: { name: 'Person 1' } } } }));

  const firefoxData = path.join(home, 'AppData', 'Roaming', 'Mozilla', 'Firefox');
  const firefoxProfile = path.join(firefoxData, 'Profiles', 'abcd1234.default-release');
  fs.mkdirSync(firefoxProfile, { recursive: true });
  fs.copyFileSync(path.join(fixtures, 'firefox153esr-cookies.sqlite'), path.join(firefoxProfile, 'cookies.sqlite'));
  fs.writeFileSync(path.join(firefoxData, 'profiles.ini'),
    '[Profile0]\r\nName=default-release\r\nIsRelative=1\r\nPath=Profiles/abcd1234.default-release\r\nDefault=1\r\n\r\n' +
    '[General]\r\nStartWithLastProfile=1\r\nVersion=2\r\n');
  return { chromeData, chromeCookies, firefoxProfile, firefoxCookies: path.join(firefoxProfile, 'cookies.sqlite') };
}

const chromeHosts = (db) => sqliteRows(db, 'SELECT host_key FROM cookies ORDER BY host_key').map((r) => r[0]);
const firefoxHosts = (db) => sqliteRows(db, 'SELECT host FROM moz_cookies ORDER BY host').map((r) => r[0]);

test('the installer writes the registry keys of Chrome, Edge and Firefox and uninstall removes them', (t) => {
  const { prefix, home } = newPrefix(t);
  const installed = cookiewarden(prefix, ['install', '--browser', 'chrome', '--browser', 'edge', '--browser', 'firefox',
    '--extension-id', CHROME_ID, '--firefox-id', 'cookiewarden@example.org', '--json']);
  assert.equal(installed.code, 0, installed.stdout + installed.stderr);
  const keys = {
    chrome: 'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.cookiewarden.host',
    edge: 'HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\org.cookiewarden.host',
    firefox: 'HKCU\\Software\\Mozilla\\NativeMessagingHosts\\org.cookiewarden.host',
  };
  for (const [browser, key] of Object.entries(keys)) {
    const query = regQuery(prefix, key);
    assert.equal(query.code, 0, `${browser}: ${key} missing: ${query.stderr}`);
    const value = query.stdout.match(/REG_SZ\s+(.+\.json)\s*$/m);
    assert.ok(value, `${browser}: no manifest path in ${query.stdout}`);
    // C:\users\<name>\... → the prefix's drive_c: the manifest is there and names the binary.
    const manifestPath = path.join(prefix, 'drive_c', ...value[1].trim().slice(3).split('\\'));
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    assert.equal(manifest.name, 'org.cookiewarden.host');
    assert.match(manifest.path, /cookiewarden\.exe$/i, `${browser}: ${manifest.path}`);
    if (browser === 'firefox') assert.deepEqual(manifest.allowed_extensions, ['cookiewarden@example.org']);
    else assert.deepEqual(manifest.allowed_origins, [`chrome-extension://${CHROME_ID}/`]);
  }
  assert.ok(fs.existsSync(home));

  const removed = cookiewarden(prefix, ['uninstall', '--json']);
  assert.equal(removed.code, 0, removed.stdout + removed.stderr);
  for (const [browser, key] of Object.entries(keys))
    assert.notEqual(regQuery(prefix, key).code, 0, `${browser}: ${key} still there after uninstall`);
});

test('profiles under %LOCALAPPDATA% and %APPDATA% are found and one site is deleted from each', (t) => {
  const { prefix, home } = newPrefix(t);
  const p = layOutProfiles(home);
  const chromeBefore = chromeHosts(p.chromeCookies);
  const firefoxBefore = firefoxHosts(p.firefoxCookies);

  const listed = cookiewarden(prefix, ['browsers', '--json']);
  assert.equal(listed.code, 0, listed.stdout + listed.stderr);
  const found = JSON.parse(listed.stdout);
  const text = JSON.stringify(found);
  assert.match(text, /"chrome"/, text);
  assert.match(text, /"firefox"/, text);

  const deleted = cookiewarden(prefix, ['delete', 'tracker.test', '--no-undo', '--json']);
  assert.equal(deleted.code, 0, deleted.stdout + deleted.stderr);
  const report = JSON.parse(deleted.stdout);
  assert.equal(report.complete, true, deleted.stdout);

  // Exactly the site's rows went, through the file replacement Windows needs; the files are sound.
  const keep = (hosts) => hosts.filter((h) => !/(^|\.)tracker\.test$/.test(h));
  assert.deepEqual(chromeHosts(p.chromeCookies), keep(chromeBefore));
  assert.deepEqual(firefoxHosts(p.firefoxCookies), keep(firefoxBefore));
  assert.ok(chromeBefore.length > keep(chromeBefore).length && firefoxBefore.length > keep(firefoxBefore).length);
  assert.equal(integrityCheck(p.chromeCookies), 'ok');
  assert.equal(integrityCheck(p.firefoxCookies), 'ok');
  const leftovers = fs.readdirSync(path.dirname(p.chromeCookies)).concat(fs.readdirSync(p.firefoxProfile))
    .filter((name) => /cookiewarden/i.test(name));
  assert.deepEqual(leftovers, []);
});

test('a profile whose lock file another process holds with share mode 0 is refused as running', async (t) => {
  const { prefix, home } = newPrefix(t);
  const p = layOutProfiles(home);
  const lock = path.join(p.firefoxProfile, 'parent.lock');
  const chromeBefore = chromeHosts(p.chromeCookies);
  const firefoxBefore = fs.readFileSync(p.firefoxCookies);

  const holder = spawn(WINE_RUN, [HOLD, lock], { env: { ...process.env, WINEPREFIX: prefix } });
  t.after(() => holder.stdin.end());
  await new Promise((resolve, reject) => {
    holder.stdout.on('data', (d) => String(d).includes('held') && resolve());
    holder.on('exit', (code) => reject(new Error(`hold_exclusive exited with ${code}`)));
  });

  const deleted = cookiewarden(prefix, ['delete', 'tracker.test', '--no-undo', '--json']);
  const report = JSON.parse(deleted.stdout);
  const firefox = report.profiles.find((r) => JSON.stringify(r).includes('abcd1234'));
  assert.ok(firefox, deleted.stdout);
  assert.match(JSON.stringify(firefox), /"running"/, JSON.stringify(firefox));
  assert.ok(fs.readFileSync(p.firefoxCookies).equals(firefoxBefore), 'the running profile was edited');
  // The closed Chrome profile beside it was still cleaned.
  assert.ok(chromeHosts(p.chromeCookies).length < chromeBefore.length);
  assert.equal(deleted.code, 3, 'a skipped profile makes the run incomplete');
});

// One framed message: 4-byte little-endian length, then UTF-8 JSON.
function frame(object) {
  const body = Buffer.from(JSON.stringify(object));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  return Buffer.concat([head, body]);
}

test('native messaging framing survives Windows pipes byte for byte (binary mode)', async (t) => {
  const { prefix } = newPrefix(t);
  const installed = cookiewarden(prefix, ['install', '--browser', 'chrome', '--extension-id', CHROME_ID, '--json']);
  assert.equal(installed.code, 0, installed.stdout + installed.stderr);
  // 0x0A0D bytes long: a text-mode stream would turn the length's LF into CR LF, or eat the CR.
  const padding = 'x'.repeat(0x0a0d - JSON.stringify({ cmd: 'hello', id: 1, pad: '' }).length);
  const request = frame({ cmd: 'hello', id: 1, pad: padding });
  assert.equal(request.readUInt32LE(0), 0x0a0d);

  const host = spawn(WINE_RUN, [EXE, `chrome-extension://${CHROME_ID}/`], { env: { ...process.env, WINEPREFIX: prefix } });
  const chunks = [];
  host.stdout.on('data', (d) => chunks.push(d));
  const exited = new Promise((resolve) => host.on('exit', resolve));
  host.stdin.write(request);
  host.stdin.end();
  await exited;

  const out = Buffer.concat(chunks);
  assert.ok(out.length >= 4, 'no reply');
  const length = out.readUInt32LE(0);
  assert.equal(out.length, 4 + length, `the reply is ${out.length} bytes for a declared ${length}: the stream was altered`);
  const reply = JSON.parse(out.subarray(4).toString('utf8'));
  assert.equal(reply.id, 1, JSON.stringify(reply));
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal(reply.result.os, 'windows');
});
