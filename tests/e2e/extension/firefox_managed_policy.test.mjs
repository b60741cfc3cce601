// An organisation's locked policy in real Firefox ESR, from a managed storage manifest in the
// test's own HOME (~/.mozilla/managed-storage/<gecko id>.json), as managed_policy.test.mjs does it
// in Chromium: the engine decides with it (the Meta Pixel and _fbp on the shop, neither on
// news.example), the popup shows the lock, and the background refuses changes to it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../../../demo/site/server.mjs';
import { waitFor } from './extension_browser.mjs';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { askBackground, backgroundReply, onboardingPage, showExtensionPage } from './firefox_extension_page.mjs';
import { ORGANISATION_POLICY, writeFirefoxManagedStorage } from './managed_policy_files.mjs';
import { NEWS_URL, SHOP_URL, hits, tagsOf, visit } from './shop_fixture.mjs';

const GECKO_ID = 'cookiewarden@cookiewarden.org';
const PIXEL = tagsOf('marketing').find((t) => t.id === 'facebook-pixel').url;
const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
let demo;
let ff;
let popup;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemoServer();
  ff = await launchFirefoxWithExtension({ port: demo.port, prepareHome: (home) => writeFirefoxManagedStorage(home, GECKO_ID, ORGANISATION_POLICY) });
  popup = await onboardingPage(ff);
  await waitFor('the background to apply the organisation\'s policy', async () => (await askBackground(popup, 'getState')).managed?.locked, 30000);
});
after(async () => { await ff?.close(); await demo?.close(); });

test('Firefox hands the policy over from the managed storage manifest', async () => {
  const state = await askBackground(popup, 'getState');
  assert.equal(state.managedError, null);
  assert.deepEqual(state.managed.sites, ORGANISATION_POLICY.sites);
  assert.deepEqual(state.policy.defaults, ORGANISATION_POLICY.defaults);
});

test('the onboarding page shows the organisation\'s choices locked, and saving goes through', async () => {
  await waitFor('the onboarding rows', () => popup.evaluate(() => document.querySelectorAll('#categories .category').length === 5));
  const locked = await popup.evaluate(() => [...document.querySelectorAll('#categories .category.locked')].map((row) => row.dataset.category));
  assert.deepEqual(locked.sort(), ['analytics', 'functional', 'marketing', 'social']);
  await popup.locator('#save').click();
  await waitFor('the saved note', () => popup.evaluate(() => !document.getElementById('saved').hidden));
  assert.equal(await popup.evaluate(() => document.getElementById('saved').textContent), 'Saved: necessary only.');
  assert.equal((await askBackground(popup, 'getState')).chosen, true);
});

test('the engine decides with it: the Meta Pixel and _fbp on the shop, neither on news.example', async () => {
  const shop = await ff.browser.newPage();
  // The guard registration follows install; the shop visit must see it.
  await waitFor('the extension to guard pages', async () => {
    await shop.goto(SHOP_URL, { waitUntil: 'load' });
    return shop.evaluate(() => Boolean(self[Symbol.for('cookiewarden.guard')]));
  }, 30000);
  let since = Date.now();
  await visit(shop, SHOP_URL);
  assert.equal(hits(demo, PIXEL, since).length, 1, 'fbevents.js reached the server from the shop');
  await waitFor('the Pixel\'s _fbp on the shop', async () => (await shop.cookies(SHOP_URL)).some((c) => c.name === '_fbp'));
  const news = await ff.browser.newPage();
  since = Date.now();
  await visit(news, NEWS_URL);
  assert.deepEqual(hits(demo, PIXEL, since), [], 'fbevents.js must not load on news.example');
  assert.ok(!(await news.cookies(NEWS_URL)).some((c) => c.name === '_fbp'));
  await news.close();
});

test('the popup shows each choice as set by the organisation; the background refuses to change them', async () => {
  const tabId = await popup.evaluate(async () => (await browser.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
  await showExtensionPage(popup, `pages/popup.html?tab=${tabId}`);
  await waitFor('the popup to show the lock', () => popup.evaluate(() => !document.getElementById('organisation').hidden));
  const rows = await popup.evaluate(() => [...document.querySelectorAll('#categories .category')].map((row) => ({
    category: row.dataset.category, lock: row.querySelector('.pill.locked')?.textContent ?? null,
    disabled: row.querySelector('input').disabled, allowed: row.querySelector('input').checked })));
  for (const category of ['functional', 'analytics', 'social', 'marketing']) {
    const row = rows.find((r) => r.category === category);
    assert.deepEqual(row, { category, lock: 'Set by your organisation', disabled: true, allowed: category === 'marketing' });
  }
  await popup.screenshot({ path: SHOTS + 'firefox-popup-managed-locked.png' });
  const refused = await backgroundReply(popup, 'setSiteChoice', { site: 'shop.example', category: 'marketing', action: 'block' });
  assert.equal(refused.code, 'locked');
  assert.match(refused.message, /Set by your organisation, not changed: marketing on shop\.example/);
});
