// When Firefox itself sends Global Privacy Control to every site (privacy.globalprivacycontrol
// .enabled), the popup says so on a site where marketing is allowed: the extension does not send
// the signal there, but it does not take the browser's away either, and the server still sees it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor } from './extension_browser.mjs';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { askBackground, onboardingPage, showExtensionPage } from './firefox_extension_page.mjs';
import { startGpcSite, visitProbe } from './gpc_site.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
const SHOP = 'www.shop.example';
let site;
let ff;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startGpcSite();
  ff = await launchFirefoxWithExtension({ port: site.port, prefs: {
    'privacy.globalprivacycontrol.functionality.enabled': true, 'privacy.globalprivacycontrol.enabled': true } });
});
after(async () => { await ff?.close(); await site?.close(); });

test('marketing allowed on the shop: the popup says the browser sends the signal itself, and it does', async () => {
  const popup = await onboardingPage(ff);
  await askBackground(popup, 'setSiteChoice', { site: 'shop.example', category: 'marketing', action: 'allow' });
  const shop = await ff.browser.newPage();
  const since = Date.now();
  await visitProbe(shop, `https://${SHOP}/`);
  assert.deepEqual(site.headersSeen(SHOP, since), { '/': '1', '/probe': '1' }, 'Firefox\'s own header is left in place');
  const tabId = await popup.evaluate(async (h) => (await browser.tabs.query({ url: `https://${h}/*` }))[0]?.id, SHOP);
  await showExtensionPage(popup, `pages/popup.html?tab=${tabId}`);
  await waitFor('the popup\'s GPC line', () => popup.evaluate(() => !document.getElementById('gpc').hidden));
  assert.match(await popup.evaluate(() => document.getElementById('gpc').textContent), /^Do-not-sell signal sent by your browser itself, on every site/);
  await popup.screenshot({ path: SHOTS + 'firefox-popup-gpc-by-browser.png' });
});
