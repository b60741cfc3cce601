// The steps the Chromium and Firefox tests of the vanilla-cookieconsent and TCF banners share
// (cmp_banner_answer.test.mjs, firefox_cmp_banner_answer.test.mjs). A browser's driver `d` gives:
// open(url) → a loaded page, ask(what, payload) → the background's result (from an extension page),
// tabIdOf(host), popup(tabId, shotName?) → {line, check}: the popup's cookie-banner line and the
// line of the check of the CMP's record (and a screenshot of the popup), shot(page, name), and its
// name for the figures. Each check reads the
// CMP's own record through its own API in the page (CookieConsent.getUserPreferences, __tcfapi
// getTCData) and the page's own count of clicks on accept-everything controls, never Cookie
// Warden's state alone.
import assert from 'node:assert/strict';
import { bannerShown, outcomeIn, unansweredWhenOff } from './banner_outcome.mjs';
import { waitFor } from './extension_browser.mjs';
import { CMP_HOST } from './tcf_site.mjs';
import { VANILLACC_HOST } from './vanillacc_site.mjs';

// vanilla-cookieconsent's record: the categories accepted and rejected; null before any answer.
const VANILLACC_RECORD = `(() => {
  if (!window.CookieConsent?.validConsent()) return null;
  const { acceptedCategories, rejectedCategories } = window.CookieConsent.getUserPreferences();
  return { accepted: acceptedCategories, rejected: rejectedCategories };
})()`;

// The TCF CMP's record: the purposes consented and those left on legitimate interest; null before
// any answer (no TC string yet).
const TCF_RECORD = `new Promise((resolve) => window.__tcfapi('getTCData', 2, (data) => {
  const ids = (map) => Object.entries(map ?? {}).filter(([, on]) => on).map(([id]) => Number(id));
  resolve(data?.tcString ? { consents: ids(data.purpose.consents), legitimateInterests: ids(data.purpose.legitimateInterests) } : null);
}))`;

export const CMPS = {
  vanillacc: {
    id: 'vanillacc', name: 'vanilla-cookieconsent', host: VANILLACC_HOST, site: 'vanillacc-shop.example',
    banner: '#cc-main .cm', record: VANILLACC_RECORD,
    // The CMP's own cookie, erased through its own API so that the next visit asks again.
    forget: 'window.CookieConsent.reset(true)',
    necessaryOnly: { accepted: ['necessary'], rejected: ['functional', 'analytics', 'marketing'] },
    analyticsOnly: { accepted: ['necessary', 'analytics'], rejected: ['functional', 'marketing'] },
  },
  tcf: {
    id: 'tcf-fixture', name: 'Cookie Warden\'s TCF test CMP', host: CMP_HOST, site: 'tcf-news.example',
    banner: '#banner', record: TCF_RECORD,
    forget: 'undefined', // the fixture's CMP keeps its TC string in the page only
    necessaryOnly: { consents: [], legitimateInterests: [] },
    // Analytics is TCF purposes 8, 9, 10 (tcf-purposes.js), and purpose 1 with it; marketing's 2, 3,
    // 4, 7 and functional's 5, 6, 11 are not consented, and 2, 7, 11 are objected to.
    analyticsOnly: { consents: [1, 8, 9, 10], legitimateInterests: [8, 9, 10] },
  },
};

const checked = (banner) => banner.outcome !== 'answered' || Boolean(banner.check);

// The answer, its CMP record read in the page, nothing accepting pressed, the banner gone, the
// check of the record in the tab's report and the popup; the outcome for the caller's figures.
async function answered(d, cmp, url, { kind, record, popupShot }) {
  const page = await d.open(url);
  const { tabId, outcome } = await outcomeIn(d, cmp.host, checked);
  assert.equal(outcome.outcome, 'answered', `${outcome.outcome}: ${outcome.reason}`);
  assert.deepEqual([outcome.cmp, outcome.kind], [cmp.id, kind]);
  assert.deepEqual(await page.evaluate(cmp.record), record, 'the CMP\'s own record');
  assert.equal(await page.evaluate('window.acceptClicks'), 0, 'nothing that accepts everything was clicked');
  await waitFor('the banner to be gone', async () => !(await page.evaluate(bannerShown(cmp.banner))));
  const shownAt = await page.evaluate('window.bannerShownAt');
  outcome.timing = `${outcome.ms} ms from navigation start${shownAt ? `, the CMP showed its banner at ${Math.round(shownAt)} ms` : ''}`;
  return { page, tabId, outcome, popup: await d.popup(tabId, popupShot) };
}

// Answers switched off on the site: the banner stays as the site shows it (the "before"
// screenshot) and nothing is stored; switched on again: necessary only is answered, the CMP's
// record refuses every category, the check agrees and the popup says so.
export async function answersNecessaryOnly(d, cmp) {
  const { before } = await unansweredWhenOff(d, cmp, cmp.record);
  await before.close();

  await d.ask('setBannerOff', { site: cmp.site, off: false });
  const { page, outcome, popup } = await answered(d, cmp, `https://${cmp.host}/`, { kind: 'rejectAll', record: cmp.necessaryOnly });
  await d.shot(page, `banner-${cmp.id}-after.png`);
  assert.deepEqual(outcome.check.mismatches, [], JSON.stringify(outcome.check));
  assert.match(popup.line, new RegExp(`^Cookie banner: answered \\(${cmp.name}, necessary only\\) in \\d+ ms$`));
  assert.equal(popup.check, 'The site\'s consent record matches your choice.');
  console.log(`time to answer, ${d.name}, ${cmp.name}, necessary only: ${outcome.timing}`);
  await page.evaluate(cmp.forget);
  await page.close();
}

// Analytics allowed on this site only: the CMP records analytics accepted and marketing refused
// (TCF: 1, 8, 9, 10 consented, the refused purposes' legitimate interests objected to).
export async function answersAnalyticsOnly(d, cmp) {
  await d.ask('setSiteChoice', { site: cmp.site, category: 'analytics', action: 'allow' });
  try {
    const { page, outcome, popup } = await answered(d, cmp, `https://${cmp.host}/`, { kind: 'choose', record: cmp.analyticsOnly });
    assert.deepEqual(outcome.allowed, ['analytics']);
    assert.deepEqual(outcome.check.mismatches, [], JSON.stringify(outcome.check));
    assert.match(popup.line, new RegExp(`^Cookie banner: answered \\(${cmp.name}, analytics allowed\\) in \\d+ ms$`));
    assert.equal(popup.check, 'The site\'s consent record matches your choice.');
    console.log(`time to answer, ${d.name}, ${cmp.name}, analytics allowed: ${outcome.timing}`);
    await page.evaluate(cmp.forget);
    await page.close();
  } finally {
    await d.ask('clearSite', { site: cmp.site });
  }
}

// A CMP that records every legitimate interest whatever its switches say (the TCF fixture's
// ?keeps-interests): the same answer, and the check shows the difference in the popup and is
// kept in the site's record.
export async function showsKeptInterests(d) {
  const cmp = CMPS.tcf;
  await d.ask('setSiteChoice', { site: cmp.site, category: 'analytics', action: 'allow' });
  try {
    const { page, outcome, popup } = await answered(d, cmp, `https://${cmp.host}/?keeps-interests`,
      { kind: 'choose', record: { consents: [1, 8, 9, 10], legitimateInterests: [2, 7, 8, 9, 10, 11] }, popupShot: `banner-${cmp.id}-mismatch-popup.png` });
    const kept = [
      ['functional', 11, 'legitimate interest not objected'],
      ['marketing', 2, 'legitimate interest not objected'],
      ['marketing', 7, 'legitimate interest not objected'],
    ];
    assert.deepEqual(outcome.check.mismatches.map((m) => [m.category, m.purpose, m.stored]), kept);
    const { bannerCheck } = await d.ask('getSiteRecord', { site: cmp.site });
    assert.deepEqual(bannerCheck.mismatches.map((m) => [m.category, m.purpose, m.stored]), kept, 'the site\'s record keeps the check');
    assert.equal(popup.check, 'The site\'s consent record differs from your choice: '
      + 'TCF purpose 11 (functional) legitimate interest not objected, you refuse it; '
      + 'TCF purpose 2 (marketing) legitimate interest not objected, you refuse it; '
      + 'TCF purpose 7 (marketing) legitimate interest not objected, you refuse it.');
    await page.close();
  } finally {
    await d.ask('clearSite', { site: cmp.site });
  }
}
