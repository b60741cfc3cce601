// extension/js/site-record.js and complaint-letter.js: a site's record has the documented shape
// (extension/schemas/site-record.schema.json), only stopped attempts, each tied to the CMP record in
// force, and the letter states it. In real browsers: tests/e2e/extension/tcf_violations.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';

const { siteRecord } = await import('../../extension/js/site-record.js');
const { cmpRecordOf } = await import('../../extension/js/cmp-record.js');
const { complaintLetter } = await import('../../extension/js/complaint-letter.js');
const { verifyStoredConsent } = await import('../../extension/js/cmp-consent/index.js');

const schema = JSON.parse(readFileSync(new URL('../../extension/schemas/site-record.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const CHOICE = { functional: 'block', analytics: 'block', social: 'block', marketing: 'allow' };
const AT = Date.parse('2026-12-07T12:00:00Z');

const cmp = { ...cmpRecordOf({ tcString: 'CQx', cmpId: 300, gdprApplies: true, purpose: { consents: { 1: true, 2: true, 3: true, 4: true, 7: true } } },
  { at: AT + 500, pageUrl: 'https://www.news.example/' }), lastSeen: AT + 900 };
const entries = [
  { at: AT, kind: 'cookie', site: 'news.example', url: 'www.news.example', frameUrl: 'https://www.news.example/', name: '_ga', category: 'analytics',
    vendor: 'Google Analytics', action: 'block', by: 'document.cookie', choice: CHOICE },
  { at: AT + 1, kind: 'request', site: 'news.example', url: 'https://t.example/p.js', type: 'script', category: 'marketing', vendor: 'Ads', rule: 'r1', action: 'allow', choice: CHOICE },
  { at: AT + 2, kind: 'request', site: 'news.example', url: 'https://s.example/w.js', type: 'script', category: 'social', vendor: 'Share', action: 'block', by: 'webRequest', choice: CHOICE },
];

test('the record validates, lists what was stopped and marks the violations', () => {
  const record = siteRecord({ site: 'news.example', entries, cmpRecords: [cmp], choice: CHOICE, browser: { name: 'Chromium', version: '1' },
    extension: { name: 'Cookie Warden', version: '0.1.0' }, now: AT + 1000 });
  assert.ok(validate(record), JSON.stringify(validate.errors));
  assert.deepEqual(record.attempts.map((a) => [a.name ?? a.url, a.violation, a.cmpRecord]), [['_ga', true, 0], ['https://s.example/w.js', false, 0]]);
  assert.deepEqual(record.summary, { attempts: 2, violations: 1 });
  assert.deepEqual(record.tcfPurposeMapping, { storage: 1, functional: [5, 6, 11], analytics: [8, 9, 10], marketing: [2, 3, 4, 7] });
  const letter = complaintLetter(record, { name: 'Some Authority' }, '2026-12-08T00:00:00Z');
  assert.match(letter, /^To: Some Authority\nDate: 2026-12-08\n/);
  assert.match(letter, /On 2026-12-07 \(UTC\).*stopped 2 attempts by pages of news\.example/);
  assert.match(letter, /In 1 of these attempts .*TC string CQx, with TCF purposes 1, 2, 3, 4, 7 consented and no TCF purpose under legitimate interest/);
  assert.match(letter, /tried to use the cookie _ga\./);
});

test('a record that breaks the format does not validate', () => {
  const record = siteRecord({ site: 'news.example', entries, cmpRecords: [cmp], choice: CHOICE, browser: { name: 'x', version: '1' },
    extension: { name: 'y', version: '1' }, now: AT });
  assert.equal(validate({ ...record, version: 2 }), false);
  assert.equal(validate({ ...record, attempts: [{ ...record.attempts[0], violation: 'yes' }] }), false);
  assert.equal(validate({ ...record, extra: 1 }), false);
});

test('the latest banner check goes into the record as checked: its differences, or why the record was unreadable', () => {
  const record = (bannerCheck) => siteRecord({ site: 'news.example', entries, cmpRecords: [cmp], bannerCheck, choice: CHOICE,
    browser: { name: 'x', version: '1' }, extension: { name: 'y', version: '1' }, now: AT });
  // The TCF fixture's "Accept all", captured from the real CMP (tests/extension/cmp_consent/captured.json).
  const accepted = verifyStoredConsent('tcf', 'CQu26YAQu26YAEsACBENABEgAP_gAEPgAAAAF5wAQF5gAAAA.YAAAAAAAAAAA', CHOICE);
  const checked = record({ at: AT + 700, cmp: 'tcf-fixture', ...accepted });
  assert.ok(validate(checked), JSON.stringify(validate.errors));
  assert.equal(checked.bannerCheck.at, '2026-12-07T12:00:00.700Z');
  assert.ok(checked.bannerCheck.mismatches.some((m) => m.category === 'analytics' && m.purpose === 8 && m.stored === 'consented'));
  const unreadable = record({ at: AT, cmp: 'osano', ...verifyStoredConsent('osano', 'maybe', CHOICE) });
  assert.ok(validate(unreadable), JSON.stringify(validate.errors));
  assert.equal(record(null).bannerCheck, null);
  assert.ok(validate(record(null)));
  assert.equal(validate(record({ at: AT, cmp: 'osano', decoder: 'osano' })), false, 'neither differences nor an error');
  assert.equal(validate(record({ at: AT, cmp: 'osano', decoder: 'osano', mismatches: [{ category: 'analytics', choice: 'maybe', stored: 'x' }] })), false);
});
