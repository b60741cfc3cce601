// cmp_banner_answer.test.mjs in Firefox ESR: the same real vanilla-cookieconsent and TCF fixture
// CMP, the same checks (cmp_banner_scenario.mjs); screenshots
// build/screenshots/extension/firefox-banner-<cmp>-{before,after}.png and
// firefox-banner-tcf-fixture-mismatch-popup.png. Prints the time to answer per CMP.
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor } from './extension_browser.mjs';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { askBackground, onboardingPage, showExtensionPage } from './firefox_extension_page.mjs';
import { answersAnalyticsOnly, answersNecessaryOnly, CMPS, showsKeptInterests } from './cmp_banner_scenario.mjs';
import { startTcfSite } from './tcf_site.mjs';
import { startVanillaccSite } from './vanillacc_site.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

function firefoxDriver(session) {
  return {
    name: 'Firefox ESR',
    async open(url) {
      const page = await session.ff.browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    ask: (what, payload) => askBackground(session.ext, what, payload),
    tabIdOf: (host) => session.ext.evaluate(async (h) => (await browser.tabs.query({ url: `https://${h}/*` }))[0]?.id, host),
    async popup(tabId, shotName) {
      await showExtensionPage(session.ext, `pages/popup.html?tab=${tabId}`);
      const line = await waitFor('the popup\'s banner line', () => session.ext.evaluate(() => document.getElementById('banner-line').textContent));
      const check = await session.ext.evaluate(() => document.getElementById('banner-check').textContent);
      if (shotName) await session.ext.screenshot({ path: `${SHOTS}firefox-${shotName}` });
      return { line, check };
    },
    shot: (page, name) => page.screenshot({ path: `${SHOTS}firefox-${name}` }),
  };
}

for (const [cmp, startSite] of [[CMPS.vanillacc, startVanillaccSite], [CMPS.tcf, startTcfSite]]) {
  describe(cmp.name, () => {
    const session = {};
    const d = firefoxDriver(session);
    before(async () => {
      session.site = await startSite();
      session.ff = await launchFirefoxWithExtension({ port: session.site.port });
      session.ext = await onboardingPage(session.ff);
    });
    after(async () => { await session.ff?.close(); await session.site?.close(); });

    test(`${cmp.name}, necessary only: its record refuses everything, the banner is gone, nothing accepting clicked`, () => answersNecessaryOnly(d, cmp));
    test(`${cmp.name}, analytics allowed on the site only`, () => answersAnalyticsOnly(d, cmp));
    if (cmp === CMPS.tcf) test('a TCF CMP that keeps every legitimate interest: the popup shows the difference', () => showsKeptInterests(d));
  });
}
