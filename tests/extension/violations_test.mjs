// extension/js/tcf-purposes.js, cmp-record.js and violations.js: the category -> TCF purpose
// mapping, what is kept of a page's TCData, and when a refused attempt is a violation (the CMP
// record in force refused every purpose of its category, consent and legitimate interest alike).
// The real CMP in real browsers: tests/e2e/extension/tcf_violations.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const { purposesAllowedBy, purposesOf } = await import('../../extension/js/tcf-purposes.js');
const { cmpRecordOf } = await import('../../extension/js/cmp-record.js');
const { isViolation, READ_DELAY_MS, recordInForce, refusedPurposes } = await import('../../extension/js/violations.js');

const NONE = { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' };

test('the mapping: analytics 8 9 10, marketing 2 3 4 7, functional 5 6 11; purpose 1 only with something allowed', () => {
  assert.deepEqual([purposesOf('analytics'), purposesOf('marketing'), purposesOf('functional')], [[8, 9, 10], [2, 3, 4, 7], [5, 6, 11]]);
  assert.deepEqual([purposesOf('social'), purposesOf('necessary')], [[], []]);
  assert.deepEqual(purposesAllowedBy(NONE), []);
  assert.deepEqual(purposesAllowedBy({ ...NONE, social: 'allow' }), [], 'social media has no TCF purpose');
  assert.deepEqual(purposesAllowedBy({ ...NONE, analytics: 'allow' }), [1, 8, 9, 10]);
  assert.deepEqual(purposesAllowedBy({ ...NONE, analytics: 'allow', marketing: 'allow' }), [1, 2, 3, 4, 7, 8, 9, 10]);
});

const tcData = (purposeConsents = {}, purposeLi = {}, extra = {}) => ({
  tcString: 'CQ...', cmpId: 300, cmpVersion: 2, tcfPolicyVersion: 4, gdprApplies: true, eventStatus: 'useractioncomplete',
  purpose: { consents: purposeConsents, legitimateInterests: purposeLi }, vendor: { consents: { 755: true, 2: false }, legitimateInterests: {} }, ...extra,
});

test('a page\'s TCData: only the listed fields, ids recorded true, anything odd dropped', () => {
  const kept = cmpRecordOf(tcData({ 1: true, 8: false, 9: 'yes', x: true, 0: true, 99999: true }, { 10: true }, { cmpId: -1, secret: 'x' }),
    { at: 5, pageUrl: 'https://news.example/' + 'a'.repeat(5000) });
  assert.deepEqual(kept.purposeConsents, [1]);
  assert.deepEqual(kept.purposeLegitimateInterests, [10]);
  assert.deepEqual(kept.vendorConsents, [755]);
  assert.equal(kept.cmpId, null, 'a negative CMP id is not one');
  assert.equal('secret' in kept, false);
  assert.ok(kept.pageUrl.length <= 1025);
  assert.equal(cmpRecordOf({ purpose: {} }, { at: 1, pageUrl: '' }), null, 'no TC string: not a record');
  assert.equal(cmpRecordOf('text', { at: 1, pageUrl: '' }), null);
});

const record = (at, consents = {}, li = {}, extra = {}) => cmpRecordOf(tcData(consents, li, extra), { at, pageUrl: 'https://news.example/' });
const attempt = (at, category, action = 'block') => ({ at, category, action });

test('a violation: every purpose of the category refused by the record in force', () => {
  const rejectAll = [record(1000)];
  assert.deepEqual(refusedPurposes(rejectAll[0], 'marketing'), [2, 3, 4, 7]);
  assert.equal(isViolation(attempt(2000, 'analytics'), rejectAll), true);
  assert.equal(isViolation(attempt(2000, 'analytics', 'allow'), rejectAll), false, 'only what was stopped');
  assert.equal(isViolation(attempt(2000, 'social'), rejectAll), false, 'no TCF purpose: never a violation');
  assert.equal(isViolation(attempt(2000, 'analytics'), []), false, 'no CMP record: never a violation');
  assert.equal(isViolation(attempt(2000, 'analytics'), [record(1000, { 9: true })]), false, 'one purpose consented');
  assert.equal(isViolation(attempt(2000, 'analytics'), [record(1000, {}, { 10: true })]), false, 'one purpose claimed as legitimate interest');
  assert.equal(isViolation(attempt(2000, 'marketing'), [record(1000, { 9: true })]), true, 'consent to analytics is not to marketing');
  assert.equal(isViolation(attempt(2000, 'analytics'), [record(1000, {}, {}, { gdprApplies: false })]), false, 'the CMP says the GDPR does not apply');
});

test('the record in force: the newest read no later than the read delay after the attempt', () => {
  const refused = record(10_000);
  const consented = record(20_000, { 8: true, 9: true, 10: true });
  assert.equal(recordInForce([refused, consented], 15_000 - READ_DELAY_MS), refused, 'read just after the page tried');
  assert.equal(recordInForce([refused, consented], 30_000), consented);
  assert.equal(recordInForce([refused], 10_000 - READ_DELAY_MS - 1), null, 'read long after: another page');
  assert.equal(isViolation(attempt(30_000, 'analytics'), [refused, consented]), false, 'consented since');
});
