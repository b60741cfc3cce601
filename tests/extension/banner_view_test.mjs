// extension/js/banner-view.js: the popup's cookie-banner line for each outcome, the all-or-nothing
// note, and the saved report (the site, never the page's address). In real browsers:
// tests/e2e/extension/banner_answer.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const { bannerLineText, bannerReport } = await import('../../extension/js/banner-view.js');

const outcome = (more) => ({ site: 'news.example', cmp: 'klaro', name: 'Klaro!', reason: '', ms: null, allOrNothing: false, allowed: [],
  rulesChecked: ['klaro', 'osano'], ...more });

test('each outcome in words, the choice named as the person made it', () => {
  assert.equal(bannerLineText(outcome({ outcome: 'answered', ms: 320 })), 'Cookie banner: answered (Klaro!, necessary only) in 320 ms');
  assert.equal(bannerLineText(outcome({ outcome: 'answered', ms: 410, allowed: ['analytics', 'social'] })),
    'Cookie banner: answered (Klaro!, analytics, social media allowed) in 410 ms');
  assert.equal(bannerLineText(outcome({ outcome: 'answered', ms: 90, allowed: ['functional', 'analytics', 'social', 'marketing'] })),
    'Cookie banner: answered (Klaro!, everything allowed) in 90 ms');
  assert.equal(bannerLineText(outcome({ outcome: 'gave-up', reason: 'nothing matches #x' })), 'Cookie banner: gave up (Klaro!): nothing matches #x');
  assert.match(bannerLineText(outcome({ outcome: 'off' })), /not answered \(Klaro!\): you switched banner answers off/);
  assert.equal(bannerLineText(outcome({ outcome: 'none', cmp: null, name: null })), 'Cookie banner: none found on this page.');
  assert.match(bannerLineText(null), /nothing reported/);
});

test('a banner that knows only all or nothing: declined, and the popup says why', () => {
  const text = bannerLineText(outcome({ outcome: 'answered', name: 'Osano cookieconsent', ms: 120, allOrNothing: true, allowed: ['analytics'] }));
  assert.equal(text, 'Cookie banner: answered (Osano cookieconsent, declined) in 120 ms. This banner only knows all or nothing: '
    + 'you allow analytics here, not everything, so it was declined.');
});

test('the report names the site, the rules checked and the outcome, and no page address', () => {
  const o = outcome({ outcome: 'gave-up', reason: 'the banner was still shown after the steps' });
  const report = bannerReport({ site: 'news.example', outcome: o, off: false, browser: 'chromium', version: '0.1.0', now: new Date(0) });
  assert.deepEqual(report, { kind: 'cookiewarden-banner-report', version: 1, site: 'news.example', at: '1970-01-01T00:00:00.000Z',
    browser: 'chromium', extension: '0.1.0', answersOff: false, rulesChecked: ['klaro', 'osano'], outcome: o });
  assert.deepEqual(bannerReport({ site: 'a.example', outcome: null, off: true, browser: 'firefox', version: '1' }).rulesChecked, []);
});
