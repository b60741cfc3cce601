// The per-site override in Firefox ESR, as site_override.test.mjs does it in Chromium: the person
// opens the popup on the shop and switches Analytics on. Google Analytics then loads there and its
// _ga cookie stays, while on a second site GA is still blocked and no _ga exists. The popup is the
// real one, reached through the onboarding tab the extension opens on install
// (firefox_extension_page.mjs); in Firefox the engine decides each request live (webRequest).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startDemoServer } from '../../../demo/site/server.mjs';
import { waitFor } from './extension_browser.mjs';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { askBackground, onboardingPage, showExtensionPage } from './firefox_extension_page.mjs';
import { NEWS_URL, SHOP_URL, hits, loadScript, tagsOf, visit } from './shop_fixture.mjs';

const GTAG = tagsOf('analytics').find((t) => t.id === 'gtag').url;
let demo;
let ff;
let shop;
let popup;

const jarNames = async (url) => (await shop.cookies(url)).map((c) => c.name);

async function openPopupOnShop() {
  const tabId = await popup.evaluate(async () => (await browser.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
  await showExtensionPage(popup, `pages/popup.html?tab=${tabId}`);
  await waitFor('the popup to name the shop', () => popup.evaluate(() => document.getElementById('site').textContent === 'shop.example'));
}

const analyticsChecked = () => popup.evaluate(() => document.querySelector('.category[data-category=analytics] input').checked);

before(async () => {
  demo = await startDemoServer();
  ff = await launchFirefoxWithExtension({ port: demo.port });
  shop = await ff.browser.newPage();
  // The background registers the guard on install; the shop visit must see it.
  await waitFor('the extension to guard pages', async () => {
    await shop.goto(SHOP_URL, { waitUntil: 'load' });
    return shop.evaluate(() => Boolean(self[Symbol.for('cookiewarden.guard')]));
  }, 30000);
  await visit(shop, SHOP_URL);
  popup = await onboardingPage(ff);
  await openPopupOnShop();
  await popup.locator('.category[data-category=analytics] input').wait();
  assert.equal(await analyticsChecked(), false, 'analytics starts blocked (necessary only)');
  await popup.locator('.category[data-category=analytics] .switch').click();
  await waitFor('the popup to show the shop override', () => popup.evaluate(() =>
    [...document.querySelectorAll('.category[data-category=analytics] .pill')].some((p) => p.textContent === 'This site')));
});
after(async () => { await ff?.close(); await demo?.close(); });

test('the override is stored for the shop\'s registrable domain', async () => {
  const state = await askBackground(popup, 'getState');
  assert.deepEqual(state.policy.sites, { 'shop.example': { analytics: 'allow' } });
});

test('on the shop, Google Analytics loads and _ga persists', async () => {
  const since = Date.now();
  await visit(shop, SHOP_URL);
  assert.equal(hits(demo, GTAG, since).length, 1, 'gtag.js reached the server');
  assert.ok(demo.log.some((e) => e.at >= since && e.host === 'www.google-analytics.com'), 'the GA collect call reached the server');
  // _gcl_au (marketing, still refused) is set by HTTP after gtag wrote _ga: once the backstop has
  // removed it, it has also judged _ga.
  await waitFor('the backstop to remove _gcl_au', async () => !(await jarNames(SHOP_URL)).includes('_gcl_au'));
  const jar = await jarNames(SHOP_URL);
  assert.ok(jar.includes('_ga'), `_ga missing from ${jar.join(', ')}`);
  assert.ok(jar.includes('_ga_DEMO123'), `_ga_DEMO123 missing from ${jar.join(', ')}`);
  assert.ok(!jar.includes('_fbp'), 'marketing stays refused on the shop');
  assert.match(await shop.evaluate(() => document.cookie), /(^|; )_ga=GA1\.1\./);
});

test('on a second site, Google Analytics stays blocked and no _ga exists', async () => {
  const news = await ff.browser.newPage();
  const since = Date.now();
  await news.goto(NEWS_URL, { waitUntil: 'load' });
  assert.deepEqual(hits(demo, GTAG, since), [], 'gtag.js must not load on news.example');
  assert.ok(demo.log.some((e) => e.at >= since && e.host === 'www.google.com' && e.path === '/recaptcha/api.js'), 'the necessary tag loads');
  const jar = (await news.cookies(NEWS_URL)).map((c) => c.name);
  assert.ok(!jar.includes('_ga'), `_ga in news.example's jar: ${jar.join(', ')}`);
  assert.doesNotMatch(await news.evaluate(() => document.cookie), /(^|; )_ga=/);
  await news.close();
});

test('"Necessary only here" in the popup takes analytics back on the shop', async () => {
  await openPopupOnShop();
  await popup.locator('#necessary-only').click();
  await waitFor('the popup to confirm', () => popup.evaluate(() => !document.getElementById('result').hidden));
  await waitFor('the analytics switch to turn off', async () => !(await analyticsChecked()));
  await ff.browser.deleteCookie(...(await ff.browser.cookies()));
  const since = Date.now();
  await visit(shop, SHOP_URL);
  assert.deepEqual(hits(demo, GTAG, since), [], 'gtag.js is blocked again on the shop');
  const jar = await jarNames(SHOP_URL);
  assert.ok(!jar.includes('_ga'), jar.join(', '));
});

// "Unclassified third parties: Block" on the options page: Firefox's engine decides such requests
// live, like every other (unknown_third_party.test.mjs covers Chromium's DNR rule).
test('with unclassified third parties blocked in the options, a script no rule knows is blocked; the shop still works', async () => {
  const unclassified = 'https://cdn.unclassified-widgets.example/widget.js';
  const choose = async (value) => {
    await showExtensionPage(popup, 'pages/options.html');
    await popup.select('#unknown', value);
    await waitFor(`the background to store ${value}`, async () => (await askBackground(popup, 'getState')).policy.unknown_third_party === value);
  };
  let since = Date.now();
  await loadScript(shop, unclassified);
  assert.equal(hits(demo, unclassified, since).length, 1, 'allowed by default');
  await choose('block');
  since = Date.now();
  await visit(shop, SHOP_URL);
  await loadScript(shop, unclassified);
  assert.deepEqual(hits(demo, unclassified, since), [], `${unclassified} must be blocked`);
  assert.ok(demo.log.some((e) => e.at >= since && e.host === 'www.shop.example' && e.path === '/api/session'), 'first party loads');
  for (const tag of tagsOf('necessary')) assert.equal(hits(demo, tag.url, since).length, 1, `${tag.vendor} (${tag.url}) should load`);
  await choose('allow');
  since = Date.now();
  await loadScript(shop, unclassified);
  assert.equal(hits(demo, unclassified, since).length, 1, 'allowed again');
});
