// Cookie banners of vanilla-cookieconsent (vanillacc_site.mjs) and of the TCF fixture's CMP
// (tcf_site.mjs) answered in real Chromium, each on its own site server (cmp_banner_scenario.mjs):
// necessary only → the CMP's own record refuses every category (TCF: no purpose consented, every
// legitimate interest objected to), the banner is gone, nothing accepting clicked, and the check of
// the record in the popup agrees; analytics allowed on the site only → analytics accepted,
// marketing refused (TCF: purposes 1, 8, 9, 10); a TCF CMP that keeps every legitimate interest →
// the popup shows the difference. Screenshots build/screenshots/extension/banner-<cmp>-{before,after}.png
// and banner-tcf-fixture-mismatch-popup.png. Prints the time to answer per CMP.
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { askBackground, launchWithExtension, waitFor, waitForEnforcement } from './extension_browser.mjs';
import { answersAnalyticsOnly, answersNecessaryOnly, CMPS, showsKeptInterests } from './cmp_banner_scenario.mjs';
import { startTcfSite } from './tcf_site.mjs';
import { startVanillaccSite } from './vanillacc_site.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

function chromiumDriver(session) {
  return {
    name: 'Chromium',
    async open(url) {
      const page = await session.browser.context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    ask: (what, payload) => askBackground(session.ext, what, payload),
    tabIdOf: (host) => session.ext.evaluate(async (h) => (await chrome.tabs.query({ url: `https://${h}/*` }))[0]?.id, host),
    async popup(tabId, shotName) {
      const popup = await session.browser.context.newPage();
      await popup.goto(session.browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
      const line = await waitFor('the popup\'s banner line', async () => popup.locator('#banner-line').textContent());
      const check = await popup.locator('#banner-check').textContent();
      if (shotName) await popup.screenshot({ path: SHOTS + shotName });
      await popup.close();
      return { line, check };
    },
    shot: (page, name) => page.screenshot({ path: SHOTS + name }),
  };
}

for (const [cmp, startSite] of [[CMPS.vanillacc, startVanillaccSite], [CMPS.tcf, startTcfSite]]) {
  describe(cmp.name, () => {
    const session = {};
    const d = chromiumDriver(session);
    before(async () => {
      session.site = await startSite();
      session.browser = await launchWithExtension({ port: session.site.port });
      await waitForEnforcement(session.browser);
      session.ext = await session.browser.context.newPage();
      await session.ext.goto(session.browser.extensionUrl('pages/options.html'));
    });
    after(async () => { await session.browser?.close(); await session.site?.close(); });

    test(`${cmp.name}, necessary only: its record refuses everything, the banner is gone, nothing accepting clicked`, () => answersNecessaryOnly(d, cmp));
    test(`${cmp.name}, analytics allowed on the site only`, () => answersAnalyticsOnly(d, cmp));
    if (cmp === CMPS.tcf) test('a TCF CMP that keeps every legitimate interest: the popup shows the difference', () => showsKeptInterests(d));
  });
}
