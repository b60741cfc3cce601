// Social allowed on the shop in the popup, everything else necessary only. The Facebook SDK
// (connect.facebook.net/en_US/sdk.js, social) then loads there, while the Meta Pixel on the same
// host (connect.facebook.net/en_US/fbevents.js, marketing) stays blocked, as the engine decides:
// the shop's allow rule for the social host must not let the marketing path through.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { askBackground, waitFor } from './extension_browser.mjs';
import { NEWS_URL, SHOP_URL, hits, loadScript, startFixture, tagsOf, visit } from './shop_fixture.mjs';

const SDK = tagsOf('social').find((t) => t.id === 'facebook-sdk').url;
const PIXEL = tagsOf('marketing').find((t) => t.id === 'facebook-pixel').url;
let fx;
let shop;

before(async () => {
  fx = await startFixture();
  shop = await fx.browser.context.newPage();
  await visit(shop, SHOP_URL);
  const tabId = await fx.browser.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
  const popup = await fx.browser.context.newPage();
  await popup.goto(fx.browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  const social = popup.locator('.category[data-category=social] input');
  await social.waitFor({ state: 'attached' });
  assert.equal(await social.isChecked(), false, 'social starts blocked (necessary only)');
  await popup.locator('.category[data-category=social] .switch').click();
  await waitFor('the popup to show the shop override', () => popup.locator('.category[data-category=social] .pill', { hasText: 'This site' }).count());
  await popup.close();
});
after(async () => fx?.close());

test('the override is stored for the shop and the marketing ruleset stays enabled', async () => {
  const page = await fx.browser.context.newPage();
  await page.goto(fx.browser.extensionUrl('pages/options.html'));
  const state = await askBackground(page, 'getState');
  assert.deepEqual(state.policy.sites, { 'shop.example': { social: 'allow' } });
  await page.close();
  const enabled = await fx.browser.worker.evaluate(() => chrome.declarativeNetRequest.getEnabledRulesets());
  assert.ok(enabled.includes('warden_marketing'), enabled.join(', '));
});

test('on the shop the Facebook SDK loads and the Meta Pixel on the same host does not', async () => {
  const since = Date.now();
  await visit(shop, SHOP_URL);
  assert.equal(hits(fx.demo, SDK, since).length, 1, `${SDK} (social, allowed on the shop) reached the server`);
  assert.deepEqual(hits(fx.demo, PIXEL, since), [], `${PIXEL} (marketing, refused) must not load on the shop`);
  const jar = (await fx.browser.context.cookies(SHOP_URL)).map((c) => c.name);
  assert.ok(!jar.includes('_fbp'), `the pixel's _fbp in the shop's jar: ${jar.join(', ')}`);
});

test('on a second site both stay blocked', async () => {
  const news = await fx.browser.context.newPage();
  let since = Date.now();
  await news.goto(NEWS_URL, { waitUntil: 'load' });
  assert.deepEqual(hits(fx.demo, PIXEL, since), [], `${PIXEL} must not load on news.example`);
  since = Date.now();
  await loadScript(news, SDK);
  assert.deepEqual(hits(fx.demo, SDK, since), [], `${SDK} must not load on news.example`);
  await news.close();
});
