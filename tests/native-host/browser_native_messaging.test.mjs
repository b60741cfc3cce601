// Real Chromium launches the built `cookiewarden` as its native messaging host: installed with
// `cookiewarden install --user-data-dir`, called from an extension's service worker with
// sendNativeMessage and connectNative, a large reply paged under the browser's 1 MiB limit, and
// an extension the manifest does not allow kept out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchChromium } from '../e2e/lib/chromium_browser.mjs';

const BINARY = process.env.COOKIEWARDEN_BINARY;
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const ids = JSON.parse(readFileSync(join(root, 'extension', 'ids.json'), 'utf8'));
const productKey = JSON.parse(readFileSync(join(root, 'extension', 'manifest.json'), 'utf8')).key;

// Many Chrome profiles with long folder names in the fake home make `browsers` answer with more
// than 1 MiB (few folders: file creation is slow on the shared test machine).
const FAKE_PROFILES = 700;
const profileDir = (i) => `Imported ${String(i).padStart(4, '0')} ${'x'.repeat(200)}`;

let work, home, userDataDir, env, browser, worker;

function probeExtension(dir, key) {
  cpSync(join(here, 'fixtures', 'native-messaging-probe'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (key) manifest.key = key;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

function fakeChromeProfiles(count) {
  const chrome = join(home, '.config', 'google-chrome');
  for (let i = 1; i <= count; i++) {
    mkdirSync(join(chrome, profileDir(i)), { recursive: true });
    writeFileSync(join(chrome, profileDir(i), 'Preferences'), '{}');
  }
}

before(async () => {
  assert.ok(BINARY, 'COOKIEWARDEN_BINARY must name the built cookiewarden');
  work = mkdtempSync(join(tmpdir(), 'cw-nm-'));
  home = join(work, 'home');
  userDataDir = join(work, 'udd');
  mkdirSync(home, { recursive: true });
  env = { PATH: '/usr/bin:/bin', HOME: home };
  fakeChromeProfiles(FAKE_PROFILES);
  // The product's defaults: no --extension-id, so the manifest allows extension/ids.json's id.
  const installed = JSON.parse(execFileSync(BINARY, ['install', '--user-data-dir', userDataDir, '--json'], { env }));
  assert.equal(installed.written.length, 1);
  assert.deepEqual(installed.manifests[0].manifest.allowed_origins, [ids.chromium_origin]);

  const probe = probeExtension(join(work, 'probe'), productKey);
  browser = await launchChromium({ userDataDir, env, extraArgs: [`--load-extension=${probe}`] });
  const context = browser.browser.contexts()[0];
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20000 }));
  assert.equal(new URL(worker.url()).host, ids.chromium);
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('hello round-trips through the browser (sendNativeMessage)', async () => {
  const reply = await worker.evaluate(() => self.callHost({ id: 1, cmd: 'hello' }));
  assert.equal(reply.id, 1);
  assert.equal(reply.ok, true);
  assert.equal(reply.result.name, 'cookiewarden');
  assert.equal(reply.result.protocol, 1);
  assert.equal(reply.result.os, 'linux');
  assert.ok(reply.result.capabilities.includes('browsers'));
});

test('a bad request over a port gets an error reply and the port stays usable', async () => {
  const { replies, error } = await worker.evaluate(
    () => self.converse([{ id: 'a', cmd: 'nope' }, { cmd: 'hello' }, { id: 'c', cmd: 'hello' }], 3));
  assert.equal(error, null);
  assert.deepEqual(replies.map((r) => r.ok), [false, false, true]);
  assert.equal(replies[0].error.code, 'unknown_command');
  assert.equal(replies[1].error.code, 'bad_request');
  assert.equal(replies[2].id, 'c');
});

test('a reply over 1 MiB arrives in pages the browser accepts and reassembles to the result', async () => {
  const { replies, error } = await worker.evaluate(() => self.converse([{ id: 'big', cmd: 'browsers' }], 1));
  assert.equal(error, null);
  const count = replies[0].page?.count ?? 1;
  assert.ok(count >= 2, `expected a paged reply, got ${count} message(s)`);
  assert.equal(replies.length, count);
  replies.forEach((r, i) => assert.deepEqual([r.id, r.ok, r.page.index, r.page.count], ['big', true, i, count]));
  const result = JSON.parse(replies.map((r) => r.result_part).join(''));
  const chrome = result.profiles.filter((p) => p.browser_id === 'chrome');
  assert.equal(chrome.length, FAKE_PROFILES);
  assert.equal(chrome.at(-1).profile_id, profileDir(FAKE_PROFILES));
  assert.ok(JSON.stringify(result).length > 1024 * 1024);
});

// Chromium checks allowed_origins itself and never starts the host for another extension (the
// host's own not_allowed answer is tested by launching the binary directly, native_host_test.cpp).
test('an extension missing from allowed_origins cannot reach the host', async () => {
  const otherDir = join(work, 'other-udd');
  const other = await launchChromium({
    userDataDir: otherDir,
    env,
    extraArgs: [`--load-extension=${probeExtension(join(work, 'probe-other'), null)}`],
  });
  try {
    // The manifest must be found for Chromium to start the host at all: install it for this
    // user data dir, allowing only the product id.
    execFileSync(BINARY, ['install', '--user-data-dir', otherDir], { env });
    const context = other.browser.contexts()[0];
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20000 }));
    const outcome = await sw.evaluate(() => self.callHost({ id: 9, cmd: 'hello' }).then(
      (reply) => ({ reply }), (e) => ({ rejected: String(e.message ?? e) })));
    assert.match(outcome.rejected ?? '', /Access to the specified native messaging host is forbidden/);
  } finally {
    await other.close();
  }
});
