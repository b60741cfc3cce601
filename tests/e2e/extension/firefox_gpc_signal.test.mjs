// Global Privacy Control in real Firefox ESR, as gpc_signal.test.mjs does it in Chromium: here the
// header comes from webRequest.onBeforeSendHeaders, decided by the tab's top-level site. With the
// fresh policy news.example refuses marketing and gets Sec-GPC: 1 on the document and the fetch,
// and navigator.globalPrivacyControl === true from its first script; after the person allows
// marketing on shop.example in the popup, the shop gets neither and news still gets both.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor } from './extension_browser.mjs';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { onboardingPage, showExtensionPage } from './firefox_extension_page.mjs';
import { NEWS, SHOP, assertFramesFollowTopSite, assertShopAllowedNewsRefused, assertSignalSent } from './gpc_scenario.mjs';
import { startGpcSite, visitProbe } from './gpc_site.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
let site;
let ff;
let popup;

async function showPopupOn(host) {
  const tabId = await popup.evaluate(async (h) => (await browser.tabs.query({ url: `https://${h}/*` }))[0]?.id, host);
  await showExtensionPage(popup, `pages/popup.html?tab=${tabId}`);
  await waitFor('the popup\'s GPC line', () => popup.evaluate(() => !document.getElementById('gpc').hidden));
  return popup.evaluate(() => document.getElementById('gpc').textContent);
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startGpcSite();
  ff = await launchFirefoxWithExtension({ port: site.port });
  popup = await onboardingPage(ff);
});
after(async () => { await ff?.close(); await site?.close(); });

test('marketing refused: Sec-GPC on the document and the fetch, the property set before the page\'s first script', async () => {
  const news = await ff.browser.newPage();
  // The background registers the signal on install; the first visit must come after it.
  await waitFor('the extension to register the signal', async () => (await visitProbe(news, `https://${NEWS}/`)).atFirstScript, 30000);
  await assertSignalSent(site, news, NEWS);
  assert.match(await showPopupOn(NEWS), /^Do-not-sell signal sent/);
  await popup.screenshot({ path: SHOTS + 'firefox-popup-gpc-sent.png' });
});

test('marketing allowed on the shop in the popup: neither the header nor the property there; news still gets both', async () => {
  const shop = await ff.browser.newPage();
  await visitProbe(shop, `https://${SHOP}/`);
  await showPopupOn(SHOP);
  await popup.locator('.category[data-category=marketing] .switch').click();
  await waitFor('the popup to show marketing allowed', () => popup.evaluate(() =>
    /^No do-not-sell signal/.test(document.getElementById('gpc').textContent)));
  await assertShopAllowedNewsRefused(site, () => ff.browser.newPage());
});

test('an iframe follows the tab\'s top-level site: the shop framed by news sends it, news framed by the shop does not', async () => {
  await assertFramesFollowTopSite(site, await ff.browser.newPage());
});
