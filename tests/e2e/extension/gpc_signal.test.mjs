// Global Privacy Control in real Chromium, following the marketing choice of the tab's site. With
// the fresh policy (necessary only) news.example refuses marketing: the server sees Sec-GPC: 1 on
// the document and on the page's same-origin fetch, and the page's first script already reads
// navigator.globalPrivacyControl === true. The person then allows marketing on shop.example in the
// popup: there neither is sent, while news.example still gets both. Popup screenshots under
// build/screenshots/extension/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, waitFor, waitForEnforcement } from './extension_browser.mjs';
import { NEWS, SHOP, assertFramesFollowTopSite, assertShopAllowedNewsRefused, assertSignalSent } from './gpc_scenario.mjs';
import { startGpcSite, visitProbe } from './gpc_site.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
let site;
let browser;

const sessionRules = () => browser.worker.evaluate(() => chrome.declarativeNetRequest.getSessionRules());

async function openPopupOn(host) {
  const tabId = await browser.worker.evaluate(async (h) => (await chrome.tabs.query({ url: `https://${h}/*` }))[0]?.id, host);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  await popup.locator('#gpc:not([hidden])').waitFor();
  return popup;
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startGpcSite();
  browser = await launchWithExtension({ port: site.port });
  await waitForEnforcement(browser);
  await waitFor('the GPC session rules', async () => (await sessionRules()).length === 2);
});
after(async () => { await browser?.close(); await site?.close(); });

test('marketing refused: Sec-GPC on the document and the fetch, the property set before the page\'s first script', async () => {
  await assertSignalSent(site, await browser.context.newPage(), NEWS);
  const popup = await openPopupOn(NEWS);
  assert.match(await popup.locator('#gpc').textContent(), /^Do-not-sell signal sent/);
  await popup.screenshot({ path: SHOTS + 'popup-gpc-sent.png', fullPage: true });
  await popup.close();
});

test('marketing allowed on the shop in the popup: neither the header nor the property there; news still gets both', async () => {
  const shop = await browser.context.newPage();
  await visitProbe(shop, `https://${SHOP}/`);
  const popup = await openPopupOn(SHOP);
  await popup.locator('.category[data-category=marketing] .switch').click();
  await waitFor('the shop to leave the GPC scope', async () => (await sessionRules()).some((r) => r.condition.excludedTopDomains?.includes('shop.example')));
  await assertShopAllowedNewsRefused(site, () => browser.context.newPage());
  await popup.reload();
  await popup.locator('#gpc:not([hidden])').waitFor();
  assert.match(await popup.locator('#gpc').textContent(), /^No do-not-sell signal: marketing is allowed here/);
  await popup.screenshot({ path: SHOTS + 'popup-gpc-not-sent.png', fullPage: true });
  await popup.close();
});

test('an iframe follows the tab\'s top-level site: the shop framed by news sends it, news framed by the shop does not', async () => {
  await assertFramesFollowTopSite(site, await browser.context.newPage());
});
