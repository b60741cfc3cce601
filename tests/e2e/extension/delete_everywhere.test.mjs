// "Delete site data" reaches the other browsers on the computer through the native host: real
// Chromium launches the built `cookiewarden` (installed into the test profile's
// NativeMessagingHosts), which deletes the shop's cookies from a Google Chrome profile written by a
// real browser run, leaves other sites' cookies alone, and refuses the running Chromium profile.
// Everything lives in a fake home, so the host never sees the machine's real profiles.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../../../demo/site/server.mjs';
import { createFakeHome } from '../lib/fake_home.mjs';
import { sqliteRows } from '../lib/sqlite_probe.mjs';
import { launchWithExtension, waitForEnforcement, waitFor } from './extension_browser.mjs';
import { NEWS_URL, SHOP_URL, visit } from './shop_fixture.mjs';

const COOKIEWARDEN = process.env.COOKIEWARDEN ?? fileURLToPath(new URL('../../../build/native/native-host/cookiewarden', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));

let demo;
let home;
let browser;
let chromeCookies;

const hostsIn = (db) => sqliteRows(db, 'SELECT DISTINCT host_key FROM cookies', { readonly: true }).map(([h]) => h);

before(async () => {
  demo = await startDemoServer();
  home = createFakeHome('ext-delete');
  // A Google Chrome profile with data from the shop and the news site, written by a real browser
  // without Cookie Warden.
  const chromeDir = join(home.configDir, 'google-chrome');
  const plain = await launchWithExtension({ port: demo.port, extensionDir: null, userDataDir: chromeDir, env: home.env });
  const page = await plain.context.newPage();
  await visit(page, SHOP_URL);
  await page.goto(NEWS_URL, { waitUntil: 'load' });
  await page.evaluate(() => { document.cookie = 'news_pref=1; max-age=86400'; });
  await plain.close();
  chromeCookies = join(chromeDir, 'Default', 'Cookies');

  const chromiumDir = join(home.configDir, 'chromium');
  mkdirSync(chromiumDir, { recursive: true });
  const installed = JSON.parse(execFileSync(COOKIEWARDEN, ['install', '--user-data-dir', chromiumDir, '--json'], { env: home.env, encoding: 'utf8' }));
  assert.equal(installed.written.length, 1, JSON.stringify(installed));
  browser = await launchWithExtension({ port: demo.port, userDataDir: chromiumDir, env: home.env });
  await waitForEnforcement(browser);
});
after(async () => { await browser?.close(); await demo?.close(); home?.remove(); });

test('the other browser\'s profile holds the shop\'s cookies before', () => {
  const hosts = hostsIn(chromeCookies);
  assert.ok(hosts.some((h) => h.endsWith('shop.example')), hosts.join(', '));
  assert.ok(hosts.some((h) => h.endsWith('news.example')), hosts.join(', '));
});

test('one click deletes the shop in this browser and, through the host, in Google Chrome', async () => {
  const shop = await browser.context.newPage();
  await visit(shop, SHOP_URL);
  const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 700 });
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  await waitFor('the popup', async () => (await popup.locator('#site').innerText()) === 'shop.example');
  await popup.locator('#delete').click();
  await popup.locator('#elsewhere-list li').first().waitFor({ timeout: 30000 });
  const rows = await popup.locator('#elsewhere-list li').allInnerTexts();
  mkdirSync(SHOTS, { recursive: true });
  await popup.screenshot({ path: SHOTS + 'popup-delete-everywhere.png' });
  console.log(rows.map((r) => r.replace('\n', ' → ')).join('\n'));
  const chrome = rows.find((r) => r.startsWith('Google Chrome'));
  assert.match(chrome ?? '', /[1-9]\d* items? deleted$/, rows.join(' | '));
  const chromium = rows.find((r) => r.startsWith('Chromium'));
  assert.match(chromium ?? '', /running: skipped$/, 'the running profile is refused untouched');
  assert.deepEqual((await browser.context.cookies(SHOP_URL)).map((c) => c.name), [], 'this browser: deleted through browsingData');
});

test('afterwards Google Chrome has no shop cookie, and the news site\'s are still there', () => {
  const hosts = hostsIn(chromeCookies);
  assert.ok(!hosts.some((h) => h.endsWith('shop.example')), hosts.join(', '));
  assert.ok(hosts.some((h) => h.endsWith('news.example')), hosts.join(', '));
});
