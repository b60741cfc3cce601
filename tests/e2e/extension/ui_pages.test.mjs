// The extension's pages in real Chromium, after a visit to the demo shop: they render the real
// state (per-category counts, vendors, the override, the decision log) and are saved as
// screenshots under build/screenshots/extension/ for review.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { askBackground, backgroundReply, waitFor } from './extension_browser.mjs';
import { SHOP_URL, startFixture, visit } from './shop_fixture.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
let fx;
let shopTab;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  fx = await startFixture();
  const shop = await fx.browser.context.newPage();
  await visit(shop, SHOP_URL);
  await waitFor('the backstop to act', async () => !(await fx.browser.context.cookies(SHOP_URL)).some((c) => c.name === '_gcl_au'));
  shopTab = await fx.browser.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
});
after(async () => fx?.close());

test('onboarding lists the five categories with the engine\'s vendors', async () => {
  const page = await waitFor('the onboarding tab', () => fx.browser.context.pages().find((p) => p.url().endsWith('/pages/onboarding.html')));
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.locator('.category').nth(4).waitFor();
  const names = await page.locator('.category .name').evaluateAll((els) => els.map((e) => e.firstChild.textContent));
  assert.deepEqual(names, ['Necessary', 'Functional', 'Analytics', 'Social media', 'Marketing']);
  await page.locator('.category[data-category=analytics] button.link').click();
  const vendors = await page.locator('.category[data-category=analytics] .vendors span').allInnerTexts();
  assert.ok(vendors.includes('Google Analytics'), vendors.join(', '));
  await page.locator('.category[data-category=marketing] button.link').click();
  await page.screenshot({ path: SHOTS + 'onboarding.png', fullPage: true });
  await page.locator('#necessary-only').click();
  await page.locator('#saved').waitFor();
  assert.equal(await page.locator('#saved').innerText(), 'Saved: necessary only.');
});

test('the popup shows the shop, its blocked and allowed counts per category, and the details', async () => {
  const page = await fx.browser.context.newPage();
  await page.setViewportSize({ width: 380, height: 900 });
  await page.goto(fx.browser.extensionUrl(`pages/popup.html?tab=${shopTab}`));
  await waitFor('the popup to load the report', async () => (await page.locator('#site').innerText()) === 'shop.example');
  const marketing = await page.locator('.category[data-category=marketing] .counts').innerText();
  assert.match(marketing, /[1-9]\d* blocked/);
  const necessary = await page.locator('.category[data-category=necessary] .counts').innerText();
  assert.match(necessary, /[1-9]\d* allowed/);
  await page.locator('#details summary').click();
  const cookies = await page.locator('#cookies li').allInnerTexts();
  assert.ok(cookies.some((c) => c.startsWith('_gcl_au ') && c.endsWith('removed from the jar')), cookies.join(' | '));
  assert.ok(cookies.some((c) => c.startsWith('_fbp ') && c.includes('write refused (document.cookie')), cookies.join(' | '));
  assert.ok(cookies.some((c) => c.startsWith('_gid ')), 'the about:blank frame\'s refused write is reported too');
  await page.screenshot({ path: SHOTS + 'popup.png', fullPage: true });
  await page.close();
});

test('"Delete site data" in the popup removes the shop\'s cookies and storage in this browser', async () => {
  const shop = fx.browser.context.pages().find((p) => p.url().startsWith(SHOP_URL));
  assert.ok(await shop.evaluate(() => localStorage.getItem('recently_viewed')), 'the shop stored something first');
  const page = await fx.browser.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(fx.browser.extensionUrl(`pages/popup.html?tab=${shopTab}`));
  await waitFor('the popup', async () => (await page.locator('#site').innerText()) === 'shop.example');
  // The site is always the tab's: a message naming no tab, or a site the tab does not show, deletes nothing.
  // Every refusal comes in the one reply shape: {ok: false, code, message}.
  const refusal = async (what, payload) => {
    const { ok, code, message } = await backgroundReply(page, what, payload);
    assert.deepEqual([ok, code], [false, 'refused'], `${what} ${JSON.stringify(payload)}: ${message}`);
    return message;
  };
  assert.match(await refusal('deleteSiteData', { site: '' }), /^No such tab/);
  assert.match(await refusal('deleteSiteData', { tabId: 2 ** 30 }), /^No such tab/);
  assert.match(await refusal('deleteSiteData', { tabId: shopTab, site: 'example' }), /now shows shop\.example, not example/);
  assert.match(await refusal('previewSiteData', { tabId: 2 ** 30 }), /^No such tab/);
  assert.match(await refusal('deleteSiteElsewhere', { tabId: shopTab, site: 'news.example' }), /not news\.example/);
  const notASite = await backgroundReply(page, 'setKept', { site: 'example', kept: true });
  assert.deepEqual([notASite.ok, notASite.code, notASite.message], [false, 'invalid', 'not a site: "example"']);
  const unknown = await backgroundReply(page, 'noSuchMessage');
  assert.deepEqual([unknown.ok, unknown.code], [false, 'unknown_message']);
  assert.ok((await fx.browser.context.cookies(SHOP_URL)).length > 0);
  await page.locator('#delete').click();
  await page.locator('#delete-confirm:enabled').waitFor();
  assert.match(await page.locator('#preview-title').innerText(), /^Delete shop\.example's data\?$/);
  assert.ok((await page.locator('#preview-cookies li').count()) > 0, 'the preview lists the shop\'s cookies');
  assert.ok((await fx.browser.context.cookies(SHOP_URL)).length > 0, 'nothing is deleted before the second click');
  await page.screenshot({ path: SHOTS + 'popup-delete-preview.png' });
  await page.locator('#delete-confirm').click();
  await page.locator('#result').waitFor();
  const result = await page.locator('#result').innerText();
  assert.match(result, /^shop\.example: (\d+) of \1 cookies deleted; site storage cleared/);
  await page.locator('#elsewhere-list li').first().waitFor();
  assert.match(await page.locator('#elsewhere-list').innerText(), /not installed on this computer/, 'no host installed in this profile: said so');
  await page.screenshot({ path: SHOTS + 'popup-deleted.png' });
  await page.close();
  assert.deepEqual((await fx.browser.context.cookies(SHOP_URL)).map((c) => c.name), []);
  assert.equal(await shop.evaluate(() => localStorage.getItem('recently_viewed')), null);
});

test('the options page shows defaults, per-site choices and the decision log', async () => {
  const page = await fx.browser.context.newPage();
  await page.setViewportSize({ width: 1000, height: 760 });
  await page.goto(fx.browser.extensionUrl('pages/options.html'));
  await askBackground(page, 'setSiteChoice', { site: 'www.shop.example', category: 'analytics', action: 'allow' });
  await page.reload();
  await page.locator('#defaults .category').nth(4).waitFor();
  await page.screenshot({ path: SHOTS + 'options-defaults.png', fullPage: true });
  await page.locator('.tabs button[data-tab=sites]').click();
  assert.equal(await page.locator('#sites tbody td').first().innerText(), 'shop.example');
  await page.screenshot({ path: SHOTS + 'options-sites.png', fullPage: true });
  // "Delete site data" above took the shop's log entries with it: the shop is visited again.
  const shop = await fx.browser.context.newPage();
  await visit(shop, SHOP_URL);
  await page.locator('.tabs button[data-tab=log]').click();
  await waitFor('log rows', () => page.locator('#log tbody tr td.what').count());
  const what = await page.locator('#log tbody td.what').allInnerTexts();
  assert.ok(what.some((w) => w.includes('googletagmanager.com')), what.slice(0, 5).join(' | '));
  await page.screenshot({ path: SHOTS + 'options-log.png', fullPage: false });
  await page.close();
});

test('policy export, and import with validation', async () => {
  const page = await fx.browser.context.newPage();
  await page.goto(fx.browser.extensionUrl('pages/options.html#backup'));
  await page.locator('.tabs button[data-tab=backup]').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const exported = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
  assert.deepEqual(Object.keys(exported).sort(), ['defaults', 'keep', 'sites', 'unknown_third_party'], 'the policy object, nothing else');
  assert.deepEqual(exported.sites, { 'shop.example': { analytics: 'allow' } });

  const dir = mkdtempSync(join(tmpdir(), 'cw-import-'));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ sites: { 'shop.example': { analytics: 'sometimes' } } }));
  await page.locator('#import').setInputFiles(join(dir, 'bad.json'));
  await waitFor('the import error', async () => /Not imported: sites\.shop\.example/.test(await page.locator('#backup-result').innerText()));
  writeFileSync(join(dir, 'good.json'), JSON.stringify({ ...exported, sites: { 'news.example': { marketing: 'allow' } } }));
  await page.locator('#import').setInputFiles(join(dir, 'good.json'));
  await waitFor('the import', async () => /^Imported good\.json: defaults, 1 site with its own choices and 0 kept sites\./.test(await page.locator('#backup-result').innerText()));
  await page.screenshot({ path: SHOTS + 'options-import.png' });
  const state = await askBackground(page, 'getState');
  assert.deepEqual(state.policy.sites, { 'news.example': { marketing: 'allow' } });
  const guard = await fx.browser.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => [s.id, s.matches]));
  assert.deepEqual(guard.find(([id]) => id === 'guard-p0001'), ['guard-p0001', ['*://*.news.example/*']]);
  await page.close();
});
