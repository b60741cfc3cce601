// The steps the Chromium and Firefox banner tests share (banner_answer.test.mjs,
// firefox_banner_answer.test.mjs) on the real consent managers of banner_sites.mjs. A browser's
// driver `d` gives: open(url) → a loaded page, ask(what, payload) → the background's result (from an
// extension page), tabIdOf(host), popupLine(tabId) → the popup's cookie-banner line, shot(page, name),
// and its name for the figures. Each check reads the CMP's own record (its cookie, in the page) and
// the page's own count of clicks on accept-everything controls, never Cookie Warden's state alone.
import assert from 'node:assert/strict';
import { bannerShown, outcomeIn, unansweredWhenOff } from './banner_outcome.mjs';
import { waitFor } from './extension_browser.mjs';
import { KLARO_CONSENT, KLARO_HOST, KLARO_SITE, OSANO_CONSENT, OSANO_HOST, OSANO_SITE } from './banner_sites.mjs';

export const CMPS = {
  klaro: {
    id: 'klaro', name: 'Klaro!', host: KLARO_HOST, site: KLARO_SITE, consent: KLARO_CONSENT, cookie: 'klaro',
    banner: '#klaro .cookie-notice', reopen: 'klaro.show()', reopened: '#klaro .cookie-modal .cm-modal', necessaryOnly: { matomo: false, 'google-ads': false }, analyticsOnly: { matomo: true, 'google-ads': false },
  },
  osano: {
    id: 'osano', name: 'Osano cookieconsent', host: OSANO_HOST, site: OSANO_SITE, consent: OSANO_CONSENT, cookie: 'cookieconsent_status',
    banner: '.cc-window', reopen: "document.querySelector('.cc-revoke').click()", reopened: '.cc-window', necessaryOnly: 'deny', analyticsOnly: 'deny',
    // The check of its record (consent-checks.js) names what all or nothing cannot say.
    analyticsOnlyCheck: [{ category: 'analytics', choice: 'allow', stored: 'refused' }],
  },
};

async function forgetConsent(page, cmp) {
  await page.evaluate(`document.cookie = '${cmp.cookie}=; max-age=0; path=/'`);
  assert.equal(await page.evaluate(cmp.consent), null, 'the CMP\'s record is gone before the next visit');
}

// Answers switched off on the site: the banner stays as the site shows it (the "before" screenshot),
// nothing is stored; switched on again: necessary only is answered, the banner gone, nothing
// accepting pressed.
export async function answersNecessaryOnly(d, cmp) {
  const { before, off } = await unansweredWhenOff(d, cmp, cmp.consent);
  assert.match(await d.popupLine(off.tabId), new RegExp(`not answered \\(${cmp.name}\\): you switched banner answers off`));
  await before.close();

  await d.ask('setBannerOff', { site: cmp.site, off: false });
  const page = await d.open(`https://${cmp.host}/`);
  const { tabId, outcome } = await outcomeIn(d, cmp.host, (b) => b.outcome !== 'answered' || b.check);
  assert.equal(outcome.outcome, 'answered', `${outcome.outcome}: ${outcome.reason}`);
  assert.deepEqual([outcome.cmp, outcome.kind, outcome.allowed], [cmp.id, 'rejectAll', []]);
  assert.deepEqual(outcome.check.mismatches, [], `the check of the CMP's record agrees: ${JSON.stringify(outcome.check)}`);
  assert.deepEqual(await page.evaluate(cmp.consent), cmp.necessaryOnly, 'the CMP\'s own record refuses every non-necessary category');
  assert.equal(await page.evaluate('window.acceptClicks'), 0, 'nothing that accepts was clicked');
  await waitFor('the banner to be gone', async () => !(await page.evaluate(bannerShown(cmp.banner))));
  await d.shot(page, `banner-${cmp.id}-after.png`);
  assert.match(await d.popupLine(tabId), new RegExp(`^Cookie banner: answered \\(${cmp.name}, necessary only\\) in \\d+ ms$`));
  console.log(`time to answer, ${d.name}, ${cmp.name}, necessary only: ${outcome.ms} ms from navigation start`);
  // The person can still open the CMP's own settings: nothing of the answer's hiding is left.
  await page.evaluate(cmp.reopen);
  await waitFor('the CMP\'s settings opened again', () => page.evaluate(bannerShown(cmp.reopened)));
  await forgetConsent(page, cmp);
  await page.close();
}

// Analytics allowed on this site only: Klaro records analytics accepted and marketing refused;
// Osano, which knows only allow and deny, records deny, and the popup says why.
export async function answersAnalyticsOnly(d, cmp) {
  await d.ask('setSiteChoice', { site: cmp.site, category: 'analytics', action: 'allow' });
  try {
    const page = await d.open(`https://${cmp.host}/`);
    const { tabId, outcome } = await outcomeIn(d, cmp.host, (b) => b.outcome !== 'answered' || b.check);
    assert.equal(outcome.outcome, 'answered', `${outcome.outcome}: ${outcome.reason}`);
    assert.deepEqual(outcome.check.mismatches, cmp.analyticsOnlyCheck ?? [], `the check of the CMP's record: ${JSON.stringify(outcome.check)}`);
    assert.deepEqual(outcome.allowed, ['analytics']);
    assert.deepEqual(await page.evaluate(cmp.consent), cmp.analyticsOnly);
    assert.equal(await page.evaluate('window.acceptClicks'), 0, 'nothing that accepts everything was clicked');
    await waitFor('the banner to be gone', async () => !(await page.evaluate(bannerShown(cmp.banner))));
    const line = await d.popupLine(tabId);
    if (cmp.id === 'osano') assert.match(line, /answered \(Osano cookieconsent, declined\) in \d+ ms\. This banner only knows all or nothing/);
    else assert.match(line, /^Cookie banner: answered \(Klaro!, analytics allowed\) in \d+ ms$/);
    console.log(`time to answer, ${d.name}, ${cmp.name}, analytics allowed: ${outcome.ms} ms from navigation start`);
    await forgetConsent(page, cmp);
    await page.close();
  } finally {
    await d.ask('clearSite', { site: cmp.site });
  }
}
