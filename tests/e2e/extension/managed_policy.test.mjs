// An organisation's locked policy in real Chromium, from the platform policy file an administrator
// writes (/etc/chromium/policies/managed, managed_policy_files.mjs): necessary only by default,
// marketing allowed on shop.example, locked. The engine decides with it (the Meta Pixel and its
// _fbp cookie on the shop, neither on news.example), the popup shows every choice as set by the
// organisation, and the background refuses to change them; when the administrator lifts the lock,
// the running extension follows. Popup screenshot under build/screenshots/extension/. The policy
// file is removed whatever happens.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../../../demo/site/server.mjs';
import { EXTENSION_DIR, askBackground, backgroundReply, launchWithExtension, waitFor, waitForEnforcement } from './extension_browser.mjs';
import { ORGANISATION_POLICY, packageWithOwnId, writeChromiumPolicy } from './managed_policy_files.mjs';
import { NEWS_URL, SHOP_URL, hits, tagsOf, visit } from './shop_fixture.mjs';

const PIXEL = tagsOf('marketing').find((t) => t.id === 'facebook-pixel').url;
const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
let demo;
let pkg;
let removePolicy;
let browser;
let page;

const ask = (what, payload = {}) => askBackground(page, what, payload);
const jarNames = async (url) => (await browser.context.cookies(url)).map((c) => c.name);

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemoServer();
  pkg = packageWithOwnId(EXTENSION_DIR);
  removePolicy = writeChromiumPolicy(pkg.id, ORGANISATION_POLICY);
  browser = await launchWithExtension({ port: demo.port, extensionDir: pkg.dir });
  assert.equal(browser.extensionId, pkg.id, 'the copy runs under its own id');
  await waitForEnforcement(browser);
  page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('pages/options.html'));
  await waitFor('the background to apply the organisation\'s policy', async () => (await ask('getState')).managed?.locked);
});
after(async () => {
  removePolicy?.();
  await browser?.close();
  pkg?.remove();
  await demo?.close();
});

test('the browser hands the whole policy over: every key the schema declares, the site map intact', async () => {
  assert.deepEqual(await browser.worker.evaluate(() => chrome.storage.managed.get(null)), ORGANISATION_POLICY);
  const state = await ask('getState');
  assert.equal(state.managedError, null);
  assert.deepEqual(state.policy.sites, { 'shop.example': { marketing: 'allow' } });
});

test('the engine decides with it: the Meta Pixel and _fbp on the shop, neither on news.example', async () => {
  const shop = await browser.context.newPage();
  let since = Date.now();
  await visit(shop, SHOP_URL);
  assert.equal(hits(demo, PIXEL, since).length, 1, 'fbevents.js reached the server from the shop');
  await waitFor('the Pixel\'s _fbp on the shop', async () => (await jarNames(SHOP_URL)).includes('_fbp'));
  const news = await browser.context.newPage();
  since = Date.now();
  await visit(news, NEWS_URL);
  assert.deepEqual(hits(demo, PIXEL, since), [], 'fbevents.js must not load on news.example');
  assert.ok(!(await jarNames(NEWS_URL)).includes('_fbp'));
  await news.close();
});

test('the popup shows each choice as set by the organisation, its switches disabled', async () => {
  const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 700 });
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  await popup.locator('#organisation:not([hidden])').waitFor();
  assert.match(await popup.locator('#organisation').textContent(), /Set by your organisation/);
  for (const category of ['functional', 'analytics', 'social', 'marketing']) {
    const row = popup.locator(`.category[data-category=${category}]`);
    assert.equal(await row.locator('.pill.locked').textContent(), 'Set by your organisation', category);
    assert.equal(await row.locator('input').isDisabled(), true, category);
  }
  assert.equal(await popup.locator('.category[data-category=marketing] input').isChecked(), true, 'marketing allowed on the shop');
  await popup.screenshot({ path: SHOTS + 'popup-managed-locked.png', fullPage: true });
  await popup.close();
});

test('the background refuses a change to what the organisation set, and lets the rest through', async () => {
  const refused = await backgroundReply(page, 'setSiteChoice', { site: 'shop.example', category: 'marketing', action: 'block' });
  assert.deepEqual([refused.ok, refused.code], [false, 'locked']);
  assert.match(refused.message, /Set by your organisation, not changed: marketing on shop\.example/);
  const defaults = await backgroundReply(page, 'setDefaults', { defaults: { marketing: 'allow' } });
  assert.deepEqual([defaults.ok, defaults.code], [false, 'locked']);
  assert.match(defaults.message, /the default for marketing/);
  const state = await ask('getState');
  assert.equal(state.policy.defaults.marketing, 'block');
  assert.deepEqual(state.policy.sites, { 'shop.example': { marketing: 'allow' } });
  await ask('setKept', { site: 'bank.example', kept: true });
  assert.deepEqual((await ask('getState')).policy.keep, ['bank.example', 'intranet.example']);
});

test('the options page: the locked defaults disabled, no "Necessary only", the organisation\'s site without a Remove button', async () => {
  await page.reload();
  await page.locator('#organisation:not([hidden])').waitFor();
  for (const category of ['functional', 'analytics', 'social', 'marketing']) {
    assert.equal(await page.locator(`#defaults .category[data-category=${category}] input`).isDisabled(), true, category);
  }
  assert.equal(await page.locator('#defaults-necessary').isHidden(), true, 'no "Necessary only" the background would refuse');
  const shopRow = page.locator('#sites tbody tr', { hasText: 'shop.example' });
  assert.equal(await shopRow.locator('.pill.locked').textContent(), 'Set by your organisation');
  assert.equal(await shopRow.locator('button').count(), 0);
  const keptRow = page.locator('#kept tbody tr', { hasText: 'bank.example' });
  assert.equal(await keptRow.locator('button', { hasText: 'Remove' }).count(), 1, 'the person\'s own kept site stays theirs');
  assert.equal(await page.locator('#kept tbody tr', { hasText: 'intranet.example' }).locator('.pill.locked').count(), 1);
  assert.equal(await page.locator('#unknown').isDisabled(), true, 'unknown_third_party is locked too');
});

test('the organisation lifts the lock: Chromium re-reads the policy file and the running extension follows', async () => {
  writeChromiumPolicy(pkg.id, { ...ORGANISATION_POLICY, locked: false });
  await waitFor('the unlocked policy to arrive', async () => (await ask('getState')).managed?.locked === false, 60000);
  await ask('setSiteChoice', { site: 'news.example', category: 'marketing', action: 'allow' });
  assert.deepEqual((await ask('getState')).policy.sites['news.example'], { marketing: 'allow' });
});

test('a change on the options page starts from the person\'s own policy: the organisation\'s choices are not copied into it', async () => {
  await page.reload();
  await page.locator('#unknown').selectOption('block');
  await waitFor('the choice to apply', async () => (await ask('getState')).policy.unknown_third_party === 'block');
  const own = await ask('exportSettings');
  assert.deepEqual(own.sites, { 'news.example': { marketing: 'allow' } }, 'the shop is the organisation\'s, not the person\'s');
  assert.deepEqual(own.keep, ['bank.example']);
});
