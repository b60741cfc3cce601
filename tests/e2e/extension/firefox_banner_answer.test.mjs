// banner_answer.test.mjs in Firefox ESR: the same real klaro and Osano cookieconsent, the same
// checks (banner_scenario.mjs); screenshots build/screenshots/extension/firefox-banner-<cmp>-{before,after}.png.
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor } from './extension_browser.mjs';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { askBackground, onboardingPage, showExtensionPage } from './firefox_extension_page.mjs';
import { startBannerSites } from './banner_sites.mjs';
import { answersAnalyticsOnly, answersNecessaryOnly, CMPS } from './banner_scenario.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
let sites;
let ff;
let ext;

const driver = {
  name: 'Firefox ESR',
  async open(url) {
    const page = await ff.browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  },
  ask: (what, payload) => askBackground(ext, what, payload),
  // The newest tab on the host (tab ids only grow): a tab just closed may still be listed.
  tabIdOf: (host) => ext.evaluate(async (h) => Math.max(...(await browser.tabs.query({ url: `https://${h}/*` })).map((t) => t.id)), host),
  async popupLine(tabId) {
    await showExtensionPage(ext, `pages/popup.html?tab=${tabId}`);
    return waitFor('the popup\'s banner line', () => ext.evaluate(() => document.getElementById('banner-line').textContent));
  },
  shot: (page, name) => page.screenshot({ path: `${SHOTS}firefox-${name}` }),
};

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sites = await startBannerSites();
  ff = await launchFirefoxWithExtension({ port: sites.port });
  ext = await onboardingPage(ff);
});
after(async () => { await ff?.close(); await sites?.close(); });

for (const cmp of Object.values(CMPS)) {
  test(`${cmp.name}, necessary only: its record refuses everything, the banner is gone, nothing accepting clicked`, () => answersNecessaryOnly(driver, cmp));
  test(`${cmp.name}, analytics allowed on the site only`, () => answersAnalyticsOnly(driver, cmp));
}
