// extension/js/cmp-consent/: each CMP's own record, as the real CMP stored it (captured once from
// real Chromium by tests/extension/cmp_consent/capture.mjs, origins in captured.json), decoded and
// compared with the person's choice for the site: what matches, what does not (a refused category
// accepted, a legitimate interest left on, an allowed one refused), and records that cannot be read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TCString } from '@iabtcf/core';
import { DECODER_NAMES, verifyStoredConsent } from '../../extension/js/cmp-consent/index.js';
import { decodeTcString } from '../../extension/js/cmp-consent/tcf.js';

const captured = JSON.parse(readFileSync(new URL('./cmp_consent/captured.json', import.meta.url), 'utf8'));
const answer = (cmp, clicks) => {
  const found = captured[cmp].answers.find((a) => a.clicks.startsWith(clicks));
  assert.ok(found, `${cmp}: no captured answer "${clicks}"`);
  return found.value;
};

const NECESSARY_ONLY = Object.freeze({ functional: 'block', analytics: 'block', social: 'block', marketing: 'block' });
const ANALYTICS_ONLY = Object.freeze({ ...NECESSARY_ONLY, analytics: 'allow' });
const EVERYTHING = Object.freeze({ functional: 'allow', analytics: 'allow', social: 'allow', marketing: 'allow' });
const brief = (result) => result.mismatches.map((m) => [m.category, m.purpose ?? null, m.stored].filter((x) => x !== null).join(' '));

const klaro = (clicks, choice) => verifyStoredConsent('klaro', answer('klaro', clicks), choice, { services: captured.klaro.services });

test('klaro: "I decline" refuses every category; its services map to categories through their purposes', () => {
  const result = klaro('Decline', NECESSARY_ONLY);
  assert.deepEqual(result.categories, { analytics: 'refused', functional: 'refused', marketing: 'refused' });
  assert.deepEqual(result.mismatches, []);
  assert.deepEqual(brief(klaro('Let me choose; analytics services on', ANALYTICS_ONLY)), []);
});

test('klaro: analytics accepted where refused, accept-all where only analytics is allowed, one analytics service of two', () => {
  assert.deepEqual(klaro('Let me choose; analytics services on', NECESSARY_ONLY).mismatches,
    [{ category: 'analytics', choice: 'block', stored: 'accepted' }]);
  assert.deepEqual(brief(klaro('Accept all', ANALYTICS_ONLY)), ['functional accepted', 'marketing accepted']);
  assert.deepEqual(klaro('Let me choose; matomo only', ANALYTICS_ONLY).mismatches,
    [{ category: 'analytics', choice: 'allow', stored: 'partly' }]);
  assert.deepEqual(brief(klaro('Let me choose; matomo only', NECESSARY_ONLY)), ['analytics partly']);
});

test('klaro: without the config\'s services no category is known, so nothing is claimed to match or not', () => {
  const result = verifyStoredConsent('klaro', answer('klaro', 'Accept all'), NECESSARY_ONLY, {});
  assert.match(result.error, /klaro: the config names no services/);
});

const vanillacc = (clicks, choice) => verifyStoredConsent('vanillacc', answer('vanillacc', clicks), choice);

test('vanilla-cookieconsent: "Reject all" refuses the three configured categories; analytics saved alone matches analytics only', () => {
  const rejected = vanillacc('Reject all', NECESSARY_ONLY);
  assert.deepEqual(rejected.categories, { functional: 'refused', analytics: 'refused', marketing: 'refused' });
  assert.deepEqual(rejected.mismatches, []);
  assert.deepEqual(vanillacc('Manage preferences; analytics on;', ANALYTICS_ONLY).mismatches, []);
  assert.deepEqual(vanillacc('Accept all', EVERYTHING).mismatches, [], 'no social category configured: not compared');
});

test('vanilla-cookieconsent: marketing accepted beside analytics, accept-all where necessary only, analytics refused where allowed', () => {
  assert.deepEqual(vanillacc('Manage preferences; analytics and marketing on', ANALYTICS_ONLY).mismatches,
    [{ category: 'marketing', choice: 'block', stored: 'accepted' }]);
  assert.deepEqual(brief(vanillacc('Accept all', NECESSARY_ONLY)), ['functional accepted', 'analytics accepted', 'marketing accepted']);
  assert.deepEqual(brief(vanillacc('Reject all', ANALYTICS_ONLY)), ['analytics refused']);
});

const osano = (clicks, choice) => verifyStoredConsent('osano', answer('osano', clicks), choice);

test('Osano: deny refuses everything, allow accepts everything, the info banner\'s dismiss refuses nothing', () => {
  assert.deepEqual(osano('osano-opt-in banner: Decline', NECESSARY_ONLY).mismatches, []);
  assert.deepEqual(brief(osano('osano-opt-in banner: Allow', NECESSARY_ONLY)),
    ['functional accepted', 'analytics accepted', 'social accepted', 'marketing accepted']);
  assert.deepEqual(brief(osano('osano-info banner: Got it', NECESSARY_ONLY)),
    ['functional not-refused', 'analytics not-refused', 'social not-refused', 'marketing not-refused']);
  // All or nothing: with analytics allowed, deny (the only answer short of accepting all) refuses it.
  assert.deepEqual(brief(osano('osano-opt-in banner: Decline', ANALYTICS_ONLY)), ['analytics refused']);
});

test('TCF: the core segment decodes as @iabtcf/core decodes it and as the CMP\'s getTCData reported it', () => {
  const ids = (set) => [...set].sort((a, b) => a - b);
  const trueIds = (map) => Object.entries(map).filter(([, on]) => on).map(([id]) => Number(id));
  for (const { clicks, value, tcData } of captured.tcf.answers) {
    const ours = decodeTcString(value);
    const reference = TCString.decode(value);
    assert.deepEqual(ours.purposes.consents, ids(reference.purposeConsents.values()), clicks);
    assert.deepEqual(ours.purposes.legitimateInterests, ids(reference.purposeLegitimateInterests.values()), clicks);
    assert.equal(ours.cmpId, reference.cmpId, clicks);
    assert.deepEqual(ours.purposes.consents, trueIds(tcData.purpose.consents), clicks);
    assert.deepEqual(ours.purposes.legitimateInterests, trueIds(tcData.purpose.legitimateInterests), clicks);
  }
});

const tcf = (clicks, choice) => verifyStoredConsent('tcf', answer('tcf', clicks), choice);

test('TCF: "Reject all" matches necessary only; 1, 8, 9, 10 consented with the other interests objected to matches analytics only', () => {
  assert.deepEqual(tcf('Reject all', NECESSARY_ONLY).mismatches, []);
  const chosen = tcf('Manage choices; consent 1, 8, 9, 10; legitimate interest objected', ANALYTICS_ONLY);
  assert.deepEqual(chosen.purposes, { consents: [1, 8, 9, 10], legitimateInterests: [8, 9, 10] });
  assert.deepEqual(chosen.mismatches, []);
});

test('TCF: legitimate interest left on for refused purposes, accept-all where necessary only, analytics refused where allowed', () => {
  assert.deepEqual(brief(tcf('Manage choices; consent 1, 8, 9, 10; legitimate interest left on', ANALYTICS_ONLY)),
    ['functional 11 legitimate interest not objected', 'marketing 2 legitimate interest not objected', 'marketing 7 legitimate interest not objected']);
  const all = tcf('Accept all', NECESSARY_ONLY);
  assert.equal(all.mismatches.filter((m) => m.stored === 'consented').length, 11, 'purposes 1–11 consented');
  assert.ok(all.mismatches.some((m) => m.purpose === 1 && m.category === null && m.stored === 'consented'));
  assert.deepEqual(brief(tcf('Reject all', ANALYTICS_ONLY)),
    ['analytics 8 not consented', 'analytics 9 not consented', 'analytics 10 not consented', '1 not consented']);
});

test('a record that cannot be read is an error, never a match', () => {
  const cases = [
    ['klaro', '{not json', /klaro: not JSON/],
    ['klaro', '[true]', /klaro: not an object of services/],
    ['vanillacc', '%E0%A4%A', /cc_cookie: not URL-encoded text/],
    ['vanillacc', '{"categories":"analytics"}', /cc_cookie: no list of categories/],
    ['vanillacc', '', /cc_cookie: nothing stored/],
    ['vanillacc', `{"categories":[${'"x",'.repeat(5000)}"y"]}`, /more than a consent record holds/],
    ['osano', 'maybe', /"maybe" is not allow, deny or dismiss/],
    ['osano', undefined, /cookieconsent_status: nothing stored/],
    ['tcf', 'BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA', /version 1, not TCF v2/],
    ['tcf', 'CQu26YAQu26Y', /shorter than a TCF v2 core segment/],
    ['tcf', 'CQu2 6YAQ', /not base64url/],
    ['didomi', 'x', /no decoder named "didomi"/],
    ['__proto__', 'x', /no decoder named "__proto__"/],
  ];
  for (const [decoder, value, message] of cases) {
    const result = verifyStoredConsent(decoder, value, NECESSARY_ONLY, { services: captured.klaro.services });
    assert.match(result.error ?? '', message, `${decoder} ${String(value).slice(0, 30)}`);
    assert.equal(result.mismatches, undefined, 'no verdict');
  }
});

test('every shipped banner rule names a decoder there is', () => {
  const dir = new URL('../../extension/rules/cmp/', import.meta.url);
  const { rules } = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8'));
  for (const file of rules) {
    const { stored } = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    assert.ok(DECODER_NAMES.includes(stored?.decoder), `${file}: decoder ${stored?.decoder}`);
  }
});
