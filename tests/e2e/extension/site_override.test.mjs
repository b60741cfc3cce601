// A per-site override made in the popup: analytics allowed on the shop. Google Analytics then
// loads there and its _ga cookie stays, while on a second site GA is still blocked and no _ga exists.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { askBackground, waitFor } from './extension_browser.mjs';
import { LIST_ONLY_SCRIPT, NEWS_URL, SHOP_URL, hits, loadScript, startFixture, tagsOf, visit } from './shop_fixture.mjs';

const GTAG = tagsOf('analytics').find((t) => t.id === 'gtag').url;
let fx;
let shop;

async function shopTabId() {
  return fx.browser.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
}

before(async () => {
  fx = await startFixture();
  shop = await fx.browser.context.newPage();
  await visit(shop, SHOP_URL);
  // The person opens the popup on the shop and switches Analytics on.
  const popup = await fx.browser.context.newPage();
  await popup.goto(fx.browser.extensionUrl(`pages/popup.html?tab=${await shopTabId()}`));
  const analytics = popup.locator('.category[data-category=analytics] input');
  await analytics.waitFor({ state: 'attached' });
  assert.equal(await analytics.isChecked(), false, 'analytics starts blocked (necessary only)');
  await popup.locator('.category[data-category=analytics] .switch').click();
  await waitFor('the popup to show the shop override', () => popup.locator('.category[data-category=analytics] .pill', { hasText: 'This site' }).count());
  await popup.close();
});
after(async () => fx?.close());

test('the override is stored for the shop\'s registrable domain', async () => {
  const page = await fx.browser.context.newPage();
  await page.goto(fx.browser.extensionUrl('pages/options.html'));
  const state = await askBackground(page, 'getState');
  assert.deepEqual(state.policy.sites, { 'shop.example': { analytics: 'allow' } });
  await page.close();
});

test('on the shop, Google Analytics loads and _ga persists', async () => {
  const since = Date.now();
  await visit(shop, SHOP_URL);
  assert.equal(hits(fx.demo, GTAG, since).length, 1, 'gtag.js reached the server');
  assert.ok(fx.demo.log.some((e) => e.at >= since && e.host === 'www.google-analytics.com'), 'the GA collect call reached the server');
  // _gcl_au (marketing, still refused) is set by HTTP after gtag wrote _ga: once the backstop has
  // removed it, it has also judged _ga.
  await waitFor('the backstop to remove _gcl_au', async () => !(await fx.browser.context.cookies(SHOP_URL)).some((c) => c.name === '_gcl_au'));
  const jar = (await fx.browser.context.cookies(SHOP_URL)).map((c) => c.name);
  assert.ok(jar.includes('_ga'), `_ga missing from ${jar.join(', ')}`);
  assert.ok(jar.includes('_ga_DEMO123'), `_ga_DEMO123 missing from ${jar.join(', ')}`);
  assert.ok(!jar.includes('_fbp'), 'marketing stays refused on the shop');
  const readable = await shop.evaluate(() => document.cookie);
  assert.match(readable, /(^|; )_ga=GA1\.1\./);
});

test('the analytics static ruleset stays enabled; the shop\'s allow rule lets a list-only script through there only', async () => {
  const enabled = await fx.browser.worker.evaluate(() => chrome.declarativeNetRequest.getEnabledRulesets());
  assert.ok(enabled.includes('warden_analytics'), enabled.join(', '));
  let since = Date.now();
  await loadScript(shop, LIST_ONLY_SCRIPT);
  assert.equal(hits(fx.demo, LIST_ONLY_SCRIPT, since).length, 1, `${LIST_ONLY_SCRIPT} should load on the shop`);
  const news = await fx.browser.context.newPage();
  await news.goto(NEWS_URL, { waitUntil: 'load' });
  since = Date.now();
  await loadScript(news, LIST_ONLY_SCRIPT);
  assert.deepEqual(hits(fx.demo, LIST_ONLY_SCRIPT, since), [], `${LIST_ONLY_SCRIPT} must stay blocked on news.example`);
  await news.close();
});

test('the override does not list the analytics hosts again: the dynamic rules name a few hundred hosts at most', async () => {
  const { dynamicHosts, analyticsHosts } = await fx.browser.worker.evaluate(async () => {
    const named = (rules) => rules.reduce((n, r) => n + (r.condition.requestDomains?.length ?? 0)
      + (r.condition.excludedRequestDomains?.length ?? 0), 0);
    const url = chrome.runtime.getURL('rulesets/warden_analytics.json');
    return { dynamicHosts: named(await chrome.declarativeNetRequest.getDynamicRules()),
      analyticsHosts: named(await (await fetch(url)).json()) };
  });
  assert.ok(analyticsHosts > 10000, `the analytics ruleset names ${analyticsHosts} hosts`);
  assert.ok(dynamicHosts <= 500, `the dynamic rules name ${dynamicHosts} hosts`);
});

test('on a second site, Google Analytics stays blocked and no _ga exists', async () => {
  const news = await fx.browser.context.newPage();
  const since = Date.now();
  await news.goto(NEWS_URL, { waitUntil: 'load' });
  assert.deepEqual(hits(fx.demo, GTAG, since), [], 'gtag.js must not load on news.example');
  assert.ok(fx.demo.log.some((e) => e.at >= since && e.host === 'www.google.com' && e.path === '/recaptcha/api.js'), 'the necessary tag loads');
  const jar = (await fx.browser.context.cookies(NEWS_URL)).map((c) => c.name);
  assert.ok(!jar.includes('_ga'), `_ga in news.example's jar: ${jar.join(', ')}`);
  assert.doesNotMatch(await news.evaluate(() => document.cookie), /(^|; )_ga=/);
});

test('"Necessary only here" in the popup takes analytics back on the shop', async () => {
  const popup = await fx.browser.context.newPage();
  await popup.goto(fx.browser.extensionUrl(`pages/popup.html?tab=${await shopTabId()}`));
  await popup.locator('#necessary-only').click();
  await popup.locator('#result').waitFor();
  assert.equal(await popup.locator('.category[data-category=analytics] input').isChecked(), false);
  await popup.close();
  await fx.browser.context.clearCookies();
  const since = Date.now();
  await visit(shop, SHOP_URL);
  assert.deepEqual(hits(fx.demo, GTAG, since), [], 'gtag.js is blocked again on the shop');
  const jar = (await fx.browser.context.cookies(SHOP_URL)).map((c) => c.name);
  assert.ok(!jar.includes('_ga'), jar.join(', '));
});
