// "Unclassified third parties: Block", chosen on the options page, in real Chromium: a script from a
// host no rule knows stops reaching its server while the shop's own files and the necessary vendors
// still load; switching back lets it through again. Chromium enforces this with DNR alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { waitFor } from './extension_browser.mjs';
import { SHOP_URL, hits, loadScript, startFixture, tagsOf, visit } from './shop_fixture.mjs';

// No vendor and no list names this host: the engine calls it "unknown".
const UNCLASSIFIED_SCRIPT = 'https://cdn.unclassified-widgets.example/widget.js';

let fx;
let shop;
let options;

// The dynamic rules hold the unknown-third-party rule: a third-party block naming no host.
async function unknownRuleCount() {
  return fx.browser.worker.evaluate(async () => (await chrome.declarativeNetRequest.getDynamicRules())
    .filter((r) => r.action.type === 'block' && r.condition.domainType === 'thirdParty' &&
      !r.condition.requestDomains && !r.condition.urlFilter).length);
}

async function chooseUnknown(value) {
  await options.selectOption('#unknown', value);
  await waitFor(`the DNR rules for unknown third parties = ${value}`, async () =>
    ((await unknownRuleCount()) === (value === 'block' ? 1 : 0) ? true : null));
}

before(async () => {
  fx = await startFixture();
  shop = await fx.browser.context.newPage();
  options = await fx.browser.context.newPage();
  await options.goto(fx.browser.extensionUrl('pages/options.html'));
});
after(async () => fx?.close());

test('by default (necessary only) an unclassified third-party script loads', async () => {
  assert.equal(await options.locator('#unknown').inputValue(), 'allow');
  await visit(shop, SHOP_URL);
  const at = Date.now();
  await loadScript(shop, UNCLASSIFIED_SCRIPT);
  assert.equal(hits(fx.demo, UNCLASSIFIED_SCRIPT, at).length, 1);
});

test('with unclassified third parties blocked, the script is blocked; necessary vendors and the shop still load', async () => {
  await chooseUnknown('block');
  const at = Date.now();
  await visit(shop, SHOP_URL);
  await loadScript(shop, UNCLASSIFIED_SCRIPT);
  assert.deepEqual(hits(fx.demo, UNCLASSIFIED_SCRIPT, at), [], `${UNCLASSIFIED_SCRIPT} must be blocked`);
  assert.ok(fx.demo.log.some((e) => e.at >= at && e.host === 'www.shop.example' && e.path === '/api/session'));
  for (const tag of tagsOf('necessary')) assert.equal(hits(fx.demo, tag.url, at).length, 1, `${tag.vendor} (${tag.url}) should load`);
  for (const tag of tagsOf(['analytics', 'marketing'])) assert.deepEqual(hits(fx.demo, tag.url, at), [], `${tag.vendor} stays blocked`);
});

test('switching back to allow lets the script through again', async () => {
  await chooseUnknown('allow');
  const at = Date.now();
  await loadScript(shop, UNCLASSIFIED_SCRIPT);
  assert.equal(hits(fx.demo, UNCLASSIFIED_SCRIPT, at).length, 1);
});
