// "Delete site data" without the native host: no manifest is installed for this Chromium profile
// (a fresh user-data-dir, `cookiewarden install` never run), so the popup must say the app is not
// installed and how to install it, and still delete the shop's data in this browser.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDemoServer } from '../../../demo/site/server.mjs';
import { createFakeHome } from '../lib/fake_home.mjs';
import { launchWithExtension, waitForEnforcement, waitFor } from './extension_browser.mjs';
import { NEWS_URL, SHOP_URL, visit } from './shop_fixture.mjs';
import { STORED_DB, STORED_KEY, readStorage, writeStorage } from './site_storage.mjs';

let demo;
let home;
let browser;

before(async () => {
  demo = await startDemoServer();
  home = createFakeHome('ext-no-host');
  browser = await launchWithExtension({ port: demo.port, userDataDir: join(home.configDir, 'chromium'), env: home.env });
  await waitForEnforcement(browser);
});
after(async () => { await browser?.close(); await demo?.close(); home?.remove(); });

// Read from the style sheet, a page of the origin that runs none of the site's scripts.
async function storageOf(page, siteUrl) {
  await page.goto(new URL('assets/shop.css', siteUrl).href, { waitUntil: 'load' });
  return readStorage(page);
}

test('without the host the popup says the app is missing and how to install it; this browser is cleaned', async () => {
  const page = await browser.context.newPage();
  await page.goto(NEWS_URL, { waitUntil: 'load' });
  await writeStorage(page);
  const shop = await browser.context.newPage();
  await visit(shop, SHOP_URL);
  await writeStorage(shop);
  assert.deepEqual(await storageOf(page, SHOP_URL), { localStorage: [STORED_KEY, 'recently_viewed'], indexedDB: [STORED_DB] });
  assert.ok((await browser.context.cookies(SHOP_URL)).length > 0, 'the shop set cookies');

  const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  await waitFor('the popup', async () => (await popup.locator('#site').innerText()) === 'shop.example');
  await popup.locator('#delete').click();
  await popup.locator('#delete-confirm:enabled').waitFor({ timeout: 30000 });
  assert.match(await popup.locator('#preview-elsewhere').innerText(), /not installed/);
  await popup.locator('#delete-confirm').click();
  const elsewhere = popup.locator('#elsewhere-list li');
  await elsewhere.first().waitFor({ state: 'visible', timeout: 30000 });
  assert.equal(await elsewhere.count(), 1);
  const text = await elsewhere.first().innerText();
  console.log(text);
  assert.match(text, /not installed/);
  assert.match(text, /cookiewarden install/);
  assert.match(await popup.locator('#result').innerText(), /^shop\.example: [1-9]\d* of [1-9]\d* cookies deleted; site storage cleared/);

  assert.deepEqual(await browser.context.cookies(SHOP_URL), []);
  assert.deepEqual(await storageOf(page, SHOP_URL), { localStorage: [], indexedDB: [] });
  assert.deepEqual(await storageOf(page, NEWS_URL), { localStorage: [STORED_KEY], indexedDB: [STORED_DB] });
});
