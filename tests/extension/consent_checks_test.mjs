// extension/js/consent-checks.js and consent-check-view.js: the latest check of a site's CMP record
// is kept per site (the least recently checked sites dropped past MAX_SITES), forgotten with the
// site's data, and worded for the popup. The reading itself runs in real browsers
// (tests/e2e/extension/cmp_banner_answer.test.mjs and its Firefox twin).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const { forgetConsentCheck, keepConsentCheck, MAX_SITES } = await import('../../extension/js/consent-checks.js');
const { consentCheckText } = await import('../../extension/js/consent-check-view.js');
const { forgetSiteEvidence } = await import('../../extension/js/consent-evidence.js');

const consentCheckOf = (site) => chrome.storage.local.data.get('consentChecks')?.[site] ?? null;
const check = (at, mismatches = []) => ({ at, cmp: 'vanillacc', decoder: 'vanillacc', categories: {}, mismatches });

test('one check per site, the newest; past MAX_SITES the least recently checked go; forgotten with the site\'s data', async () => {
  await keepConsentCheck('a.example', check(1));
  await keepConsentCheck('a.example', check(2));
  assert.equal((await consentCheckOf('a.example')).at, 2);
  for (let i = 0; i < MAX_SITES; i += 1) await keepConsentCheck(`s${i}.example`, check(10 + i));
  await keepConsentCheck('s0.example', check(99)); // checked again: now the most recent
  await keepConsentCheck('late.example', check(100));
  const kept = chrome.storage.local.data.get('consentChecks');
  assert.equal(Object.keys(kept).length, MAX_SITES);
  assert.equal(await consentCheckOf('a.example'), null, 'the least recently checked went first');
  assert.equal(await consentCheckOf('s1.example'), null);
  assert.equal((await consentCheckOf('s0.example')).at, 99);
  assert.equal((await forgetSiteEvidence('late.example')).consentChecks, 1);
  assert.equal(await consentCheckOf('late.example'), null);
  assert.equal(await forgetConsentCheck('late.example'), 0);
});

test('the popup\'s line: a match, each difference with what the person chose, an unreadable record, no check', () => {
  assert.equal(consentCheckText(null), '');
  assert.equal(consentCheckText(check(1)), 'The site\'s consent record matches your choice.');
  assert.equal(consentCheckText(check(1, [{ category: 'analytics', choice: 'block', stored: 'accepted' },
    { category: 'marketing', choice: 'allow', stored: 'partly' }])),
  'The site\'s consent record differs from your choice: analytics accepted, you refuse it; marketing partly accepted, you allow it.');
  assert.equal(consentCheckText(check(1, [{ category: 'marketing', purpose: 7, choice: 'block', stored: 'legitimate interest not objected' },
    { category: null, purpose: 1, choice: 'block', stored: 'consented' }])),
  'The site\'s consent record differs from your choice: TCF purpose 7 (marketing) legitimate interest not objected, you refuse it; TCF purpose 1 consented, you refuse it.');
  assert.equal(consentCheckText({ at: 1, cmp: 'osano', decoder: 'osano', error: 'cookieconsent_status: nothing stored' }),
    'The site\'s consent record could not be checked: cookieconsent_status: nothing stored.');
});
