// Cookie banners answered in real Chromium (banner_scenario.mjs): real klaro and real Osano
// cookieconsent (banner_sites.mjs). Necessary only → each CMP's own cookie refuses everything, the
// banner is gone and nothing accepting was clicked; analytics allowed on the site only → Klaro
// records analytics accepted and marketing refused, Osano records deny and the popup says it knows
// only all or nothing. Screenshots build/screenshots/extension/banner-<cmp>-{before,after}.png (the
// "before": answers switched off on the site) and banner-popup.png. Prints the time to answer per CMP.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { askBackground, launchWithExtension, waitFor, waitForEnforcement } from './extension_browser.mjs';
import { startBannerSites } from './banner_sites.mjs';
import { answersAnalyticsOnly, answersNecessaryOnly, CMPS } from './banner_scenario.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
let sites;
let browser;
let ext;

const driver = {
  name: 'Chromium',
  async open(url) {
    const page = await browser.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  },
  ask: (what, payload) => askBackground(ext, what, payload),
  // The newest tab on the host (tab ids only grow): a tab just closed may still be listed.
  tabIdOf: (host) => ext.evaluate(async (h) => Math.max(...(await chrome.tabs.query({ url: `https://${h}/*` })).map((t) => t.id)), host),
  async popupLine(tabId) {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
    const line = await waitFor('the popup\'s banner line', async () => popup.locator('#banner-line').textContent());
    await popup.close();
    return line;
  },
  shot: (page, name) => page.screenshot({ path: SHOTS + name }),
};

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sites = await startBannerSites();
  browser = await launchWithExtension({ port: sites.port });
  await waitForEnforcement(browser);
  ext = await browser.context.newPage();
  await ext.goto(browser.extensionUrl('pages/options.html'));
});
after(async () => { await browser?.close(); await sites?.close(); });

for (const cmp of Object.values(CMPS)) {
  test(`${cmp.name}, necessary only: its record refuses everything, the banner is gone, nothing accepting clicked`, () => answersNecessaryOnly(driver, cmp));
  test(`${cmp.name}, analytics allowed on the site only`, () => answersAnalyticsOnly(driver, cmp));
}

test('the popup: "Don\'t answer cookie banners here" switches the site, "Report a banner" saves the site\'s report', async () => {
  const cmp = CMPS.klaro;
  const page = await driver.open(`https://${cmp.host}/`);
  const tabId = await driver.tabIdOf(cmp.host);
  await waitFor('the answer', async () => (await driver.ask('getTabReport', { tabId }))?.banner?.outcome === 'answered');
  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  await popup.locator('#banner-off').check();
  await waitFor('the switch stored', async () => (await driver.ask('bannerOff', { site: cmp.site })).off);
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('#banner-report').click()]);
  assert.equal(download.suggestedFilename(), `cookiewarden-banner-${cmp.site}.json`);
  const report = JSON.parse(Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8'));
  assert.deepEqual([report.kind, report.site, report.answersOff, report.rulesChecked, report.outcome.outcome, report.outcome.cmp],
    ['cookiewarden-banner-report', cmp.site, true, ['klaro', 'osano', 'vanillacc', 'tcf-fixture'], 'answered', 'klaro']);
  assert.ok(!JSON.stringify(report).includes('https://'), 'the site only, never the page\'s address');
  assert.match(await popup.locator('#banner-note').textContent(), /nothing was sent/);
  await popup.screenshot({ path: `${SHOTS}banner-popup.png`, fullPage: true });
  await popup.locator('#banner-off').uncheck();
  await waitFor('the switch cleared', async () => !(await driver.ask('bannerOff', { site: cmp.site })).off);
  await popup.close();
  await page.close();
});
