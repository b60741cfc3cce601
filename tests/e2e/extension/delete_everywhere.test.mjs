// "Delete site data" reaches the other browsers on the computer through the native host: real
// Chromium launches the built `cookiewarden` (installed into the test profile's
// NativeMessagingHosts), which deletes the shop's cookies from a Google Chrome profile written by a
// real browser run and the shop's cookies, localStorage and IndexedDB from a closed Firefox ESR
// profile, leaves other sites' data alone, and refuses the running Chromium profile. In this
// browser the shop's cookies, localStorage and IndexedDB go, the news site's stay.
// While the host works, the popup shows each profile as the host reaches it (its progress messages,
// over the popup's own port: no other extension page hears them).
// The popup's Undo then sets this browser's shop cookies back, field for field, and the host puts
// Google Chrome's and Firefox's shop cookie rows back on disk.
// Everything lives in a fake home, so the host never sees the machine's real profiles.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../../../demo/site/server.mjs';
import { runCookiewarden } from '../lib/cookiewarden_cli.mjs';
import { createFakeHome, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { launchFirefox } from '../lib/firefox_browser.mjs';
import { sqliteRows } from '../lib/sqlite_probe.mjs';
import { startConnectProxy } from './connect_proxy.mjs';
import { launchWithExtension, launchWithInstalledHost, waitFor } from './extension_browser.mjs';
import { NEWS_URL, SHOP_URL, visit } from './shop_fixture.mjs';
import { STORED_DB, STORED_KEY, readStorage, writeStorage } from './site_storage.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));

let demo;
let home;
let browser;
let chromeCookies;
let proxy;
let firefox;
let popup;          // the popup that deleted the shop, whose Undo the last test clicks
let shopCookies;    // this browser's shop cookies before the deletion
let chromeShopRows; // Google Chrome's shop cookie rows before the deletion

// Firefox reaches the demo hosts through the CONNECT proxy (it cannot map names to a port).
const openFirefox = (env) => launchFirefox({
  profileDir: firefox.profileDir,
  hosts: [],
  env,
  extraPrefs: {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxy.port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
  },
});

// Each site's storage as a page of its origin sees it: the style sheet, which runs no script of the
// site (the home pages would write their data again).
async function storageOfSites(page) {
  await page.goto(new URL('assets/shop.css', SHOP_URL).href, { waitUntil: 'load' });
  const shop = await readStorage(page);
  await page.goto(new URL('assets/shop.css', NEWS_URL).href, { waitUntil: 'load' });
  return { shop, news: await readStorage(page) };
}

// The host's own listing of the shop in the Firefox profile.
function firefoxShopListing() {
  const listed = JSON.parse(runCookiewarden(['sites', 'shop.example', '--browser', 'firefox', '--json'], home.env).stdout);
  assert.equal(listed.profiles.length, 1, JSON.stringify(listed));
  return listed.profiles[0];
}

// Items per store (a store listed twice, as session restore files are, keeps its last).
const firefoxShopItems = () => Object.fromEntries(firefoxShopListing().stores.map((s) => [s.store, s.items]));

const firefoxHosts = () => sqliteRows(firefox.cookieDb, 'SELECT DISTINCT host FROM moz_cookies', { readonly: true }).map(([h]) => h);

const shopRowsIn = (db) => sqliteRows(db,
  "SELECT host_key, name, path, hex(encrypted_value), expires_utc, is_secure, is_httponly, samesite FROM cookies WHERE host_key LIKE '%shop.example' ORDER BY host_key, name, path",
  { readonly: true });

// What the browser says of a cookie (expiry to the second: cookies.set takes seconds).
const cookieFields = (cookies) => cookies.map((c) => ({ ...c, expires: Math.round(c.expires) }))
  .sort((a, b) => `${a.domain} ${a.name} ${a.path}`.localeCompare(`${b.domain} ${b.name} ${b.path}`));

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

  // A closed Firefox ESR profile (found through ~/.mozilla/firefox/profiles.ini) with the shop's
  // and the news site's cookies, localStorage and IndexedDB, written by a real Firefox run.
  proxy = await startConnectProxy(demo.port);
  [firefox] = firefoxProfiles(firefoxRoot.legacy(home), ['e2e']);
  const ff = await openFirefox(home.env);
  await visit(ff.page, SHOP_URL);
  await writeStorage(ff.page);
  await ff.page.goto(NEWS_URL, { waitUntil: 'load' });
  await ff.page.evaluate(() => { document.cookie = 'news_pref=1; max-age=86400'; });
  await writeStorage(ff.page);
  await ff.close();

  browser = await launchWithInstalledHost(home, { port: demo.port });
});
after(async () => { await browser?.close(); await proxy?.close(); await demo?.close(); home?.remove(); });

test('the other browser\'s profile holds the shop\'s cookies before', () => {
  const hosts = hostsIn(chromeCookies);
  assert.ok(hosts.some((h) => h.endsWith('shop.example')), hosts.join(', '));
  assert.ok(hosts.some((h) => h.endsWith('news.example')), hosts.join(', '));
});

test('the closed Firefox profile holds the shop\'s cookies and storage before', () => {
  const hosts = firefoxHosts();
  assert.ok(hosts.some((h) => h.endsWith('shop.example')), hosts.join(', '));
  assert.ok(hosts.some((h) => h.endsWith('news.example')), hosts.join(', '));
  const items = firefoxShopItems();
  assert.ok(items.firefox_cookies.length > 0, JSON.stringify(items));
  assert.ok(items.firefox_site_storage.some((i) => i.kind === 'folder' && i.host === new URL(SHOP_URL).origin), JSON.stringify(items));
});

test('one click deletes the shop in this browser and, through the host, in Google Chrome and Firefox', async () => {
  const news = await browser.context.newPage();
  await news.goto(NEWS_URL, { waitUntil: 'load' });
  await writeStorage(news);
  const shop = await browser.context.newPage();
  await visit(shop, SHOP_URL);
  await writeStorage(shop);
  assert.deepEqual(await storageOfSites(news), {
    shop: { localStorage: [STORED_KEY, 'recently_viewed'], indexedDB: [STORED_DB] },
    news: { localStorage: [STORED_KEY], indexedDB: [STORED_DB] },
  }, 'this browser holds both sites\' storage before');
  const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
  shopCookies = cookieFields(await browser.context.cookies(SHOP_URL));
  chromeShopRows = shopRowsIn(chromeCookies);
  assert.ok(shopCookies.length > 0 && chromeShopRows.length > 0);
  popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 700 });
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  await waitFor('the popup', async () => (await popup.locator('#site').innerText()) === 'shop.example');
  // Every text the progress line shows, however briefly (a MutationObserver sees each change).
  await popup.evaluate(() => {
    window.progressShown = [];
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) window.progressShown.push(node.textContent);
    }).observe(document.getElementById('elsewhere-progress'), { childList: true });
  });
  // The progress goes to the popup alone, over the port it opened: another extension page hears
  // none of it (it does hear the popup's own requests, as every extension page does).
  const onlooker = await browser.context.newPage();
  await onlooker.goto(browser.extensionUrl('pages/options.html'));
  await onlooker.evaluate(() => {
    window.heard = [];
    chrome.runtime.onMessage.addListener((msg) => { if (msg?.progress !== undefined) window.heard.push(msg); });
  });
  await popup.locator('#delete').click();
  // The preview first: this browser's cookies, and a dry run's counts in the other profiles.
  await popup.locator('#delete-confirm:enabled').waitFor({ timeout: 30000 });
  const previewed = await popup.locator('#preview-elsewhere li').allInnerTexts();
  console.log(`preview:\n  ${previewed.join('\n  ')}`);
  assert.ok(previewed.some((r) => /^Google Chrome .*\n[1-9]\d* cookies?/.test(r)), previewed.join(' | '));
  assert.ok(previewed.some((r) => /^Firefox .*\n[1-9]\d* cookies?, .*storage folders?/.test(r)), previewed.join(' | '));
  assert.ok(previewed.some((r) => /^Chromium .*\nskipped \(running\)/.test(r)), previewed.join(' | '));
  assert.ok((await browser.context.cookies(SHOP_URL)).length > 0, 'the preview deleted nothing here');
  assert.ok(hostsIn(chromeCookies).some((h) => h.endsWith('shop.example')), 'nor in Google Chrome');
  await popup.locator('#delete-confirm').click();
  await popup.locator('#elsewhere-list li').first().waitFor({ timeout: 30000 });
  const shown = await popup.evaluate(() => window.progressShown);
  console.log(`progress shown:\n  ${shown.join('\n  ')}`);
  assert.ok(shown.some((line) => /^Deleting in Google Chrome \/ .+ \(\d+ of \d+\)…$/.test(line)), shown.join(' | '));
  assert.ok(shown.some((line) => /^Google Chrome \/ .+: [1-9]\d* items? deleted \(\d+ of \d+\)$/.test(line)), shown.join(' | '));
  assert.ok(shown.some((line) => /^Chromium \/ .+: skipped, running \(\d+ of \d+\)$/.test(line)), shown.join(' | '));
  assert.ok(shown.some((line) => /^Firefox \/ .+: [1-9]\d* items? deleted \(\d+ of \d+\)$/.test(line)), shown.join(' | '));
  assert.equal(await popup.locator('#elsewhere-progress').isHidden(), true, 'the outcome list replaced the progress line');
  assert.deepEqual(await onlooker.evaluate(() => window.heard), [], 'no progress reaches the other extension pages');
  await onlooker.close();
  const rows = await popup.locator('#elsewhere-list li').allInnerTexts();
  mkdirSync(SHOTS, { recursive: true });
  await popup.screenshot({ path: SHOTS + 'popup-delete-everywhere.png' });
  console.log(rows.map((r) => r.replace('\n', ' → ')).join('\n'));
  const chrome = rows.find((r) => r.startsWith('Google Chrome'));
  assert.match(chrome ?? '', /[1-9]\d* items? deleted\ncan be undone until /, rows.join(' | '));
  const chromium = rows.find((r) => r.startsWith('Chromium'));
  assert.match(chromium ?? '', /running: skipped$/, 'the running profile is refused untouched');
  const firefoxRow = rows.find((r) => r.startsWith('Firefox'));
  assert.match(firefoxRow ?? '', /[1-9]\d* items? deleted\ncan be undone until /, rows.join(' | '));
  assert.equal(await popup.locator('#undo-button').isEnabled(), true);
  assert.match(await popup.locator('#undo').innerText(), /not its storage \(localStorage,\s+IndexedDB/);
  assert.deepEqual((await browser.context.cookies(SHOP_URL)).map((c) => c.name), [], 'this browser: deleted through browsingData');
  assert.deepEqual(await storageOfSites(news), {
    shop: { localStorage: [], indexedDB: [] },
    news: { localStorage: [STORED_KEY], indexedDB: [STORED_DB] },
  }, 'this browser: the shop\'s localStorage and IndexedDB are gone, the news site\'s stay');
});

test('afterwards Google Chrome has no shop cookie, and the news site\'s are still there', () => {
  const hosts = hostsIn(chromeCookies);
  assert.ok(!hosts.some((h) => h.endsWith('shop.example')), hosts.join(', '));
  assert.ok(hosts.some((h) => h.endsWith('news.example')), hosts.join(', '));
});

test('afterwards the Firefox profile has no shop data, and the news site\'s is still there', async () => {
  const hosts = firefoxHosts();
  assert.ok(!hosts.some((h) => h.endsWith('shop.example')), hosts.join(', '));
  assert.ok(hosts.some((h) => h.endsWith('news.example')), hosts.join(', '));
  // Every store the host lists (cookies, site storage, each session restore file) is empty of the shop.
  const left = firefoxShopListing().stores.filter((store) => store.items.length > 0);
  assert.deepEqual(left, []);
  const ff = await openFirefox(home.env);
  try {
    assert.deepEqual(await storageOfSites(ff.page), {
      shop: { localStorage: [], indexedDB: [] },
      news: { localStorage: [STORED_KEY], indexedDB: [STORED_DB] },
    }, 'as the relaunched Firefox\'s pages see it');
    const shopCookies = (await ff.page.cookies(SHOP_URL)).map((c) => c.name);
    assert.deepEqual(shopCookies, []);
  } finally {
    await ff.close();
  }
});

test('Undo sets this browser\'s shop cookies back and the host puts the other profiles\' rows back', async () => {
  await popup.locator('#undo-button').click();
  await popup.locator('#undo-elsewhere li').first().waitFor({ timeout: 30000 });
  const here = await popup.locator('#undo-here').innerText();
  const rows = await popup.locator('#undo-elsewhere li').allInnerTexts();
  await popup.locator('#undo').scrollIntoViewIfNeeded();
  await popup.screenshot({ path: SHOTS + 'popup-undo.png' });
  console.log(`undo:\n  ${here}\n  ${rows.map((r) => r.replaceAll('\n', ' → ')).join('\n  ')}`);
  assert.match(here, new RegExp(`^shop\\.example: ${shopCookies.length} of ${shopCookies.length} cookies restored in this browser\\. Its storage stays deleted\\.$`));
  assert.deepEqual(cookieFields(await browser.context.cookies(SHOP_URL)), shopCookies, 'every field as it was');
  assert.match(rows.find((r) => r.startsWith('Google Chrome')) ?? '', /\n[1-9]\d* items? restored$/, rows.join(' | '));
  assert.match(rows.find((r) => r.startsWith('Firefox')) ?? '', /\n[1-9]\d* items? restored/, rows.join(' | '));
  assert.deepEqual(shopRowsIn(chromeCookies), chromeShopRows, 'Google Chrome\'s rows as they were, encrypted values byte for byte');
  assert.ok(firefoxHosts().some((h) => h.endsWith('shop.example')), firefoxHosts().join(', '));
  assert.equal(await popup.locator('#undo-button').isDisabled(), true, 'nothing is left to undo');
});
