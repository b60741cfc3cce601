// A damaged engine buffer in the package (bad input): the background must not act on it, and the
// pages must say clearly that protection is off instead of showing switches that do nothing.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDemoServer } from '../../../demo/site/server.mjs';
import { EXTENSION_DIR, launchWithExtension, waitFor } from './extension_browser.mjs';

let demo;
let browser;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-damaged-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const engine = readFileSync(join(dir, 'engine/engine.bin'));
  writeFileSync(join(dir, 'engine/engine.bin'), engine.subarray(0, Math.floor(engine.length / 2))); // truncated
  demo = await startDemoServer();
  browser = await launchWithExtension({ port: demo.port, extensionDir: dir });
});
after(async () => { await browser?.close(); await demo?.close(); rmSync(dir, { recursive: true, force: true }); });

test('the popup reports that the engine did not load', async () => {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('pages/popup.html'));
  const alert = await waitFor('the failure notice', async () => (await page.locator('[role=alert]').count()) && page.locator('[role=alert]').innerText());
  assert.match(alert, /^Cookie Warden is not working: /);
  console.log(alert);
});

test('the service worker stays alive and answers', async () => {
  const answer = await browser.worker.evaluate(() => chrome.runtime.id);
  assert.equal(typeof answer, 'string');
});
