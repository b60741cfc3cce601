// What the consent-violation tests check in a site record exported by either browser: it validates
// against extension/schemas/site-record.schema.json, the CMP record is the fixture's "reject all"
// (its TC string decoded here with @iabtcf/core: no purpose, no vendor), and _ga, _fbp and the
// Meta pixel are violations with the purposes of their categories.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TCString } from '@iabtcf/core';
import Ajv2020 from 'ajv/dist/2020.js';
import { CMP_ID, CMP_VERSION } from './tcf_site.mjs';

export const CMP_SITE = 'tcf-news.example';
export const PLAIN_SITE = 'plain-news.example';

const schema = JSON.parse(readFileSync(new URL('../../../extension/schemas/site-record.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

export function assertValid(record) {
  assert.ok(validate(record), JSON.stringify(validate.errors, null, 2));
}

// The record once the CMP's answer and the three attempts have reached the background.
export const recordComplete = (record) => record?.cmpRecords?.length > 0 && record.summary.violations >= 3 ? record : null;

export function assertRejectAllViolations(record) {
  assertValid(record);
  assert.equal(record.site, CMP_SITE);
  assert.deepEqual(record.choice, { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' });
  const [cmp] = record.cmpRecords;
  assert.equal(cmp.cmpId, CMP_ID);
  assert.equal(cmp.cmpVersion, CMP_VERSION);
  assert.equal(cmp.eventStatus, 'useractioncomplete');
  assert.deepEqual([cmp.purposeConsents, cmp.purposeLegitimateInterests, cmp.vendorConsents], [[], [], []]);
  const decoded = TCString.decode(cmp.tcString);
  assert.equal(decoded.cmpId, CMP_ID);
  assert.equal(decoded.purposeConsents.size, 0, 'the TC string itself consents to no purpose');
  assert.equal(decoded.purposeLegitimateInterests.size, 0);

  const cookie = (name) => record.attempts.find((a) => a.kind === 'cookie' && a.name === name);
  for (const [name, category, purposes] of [['_ga', 'analytics', [8, 9, 10]], ['_fbp', 'marketing', [2, 3, 4, 7]]]) {
    const attempt = cookie(name);
    assert.ok(attempt, `${name} is in the record`);
    assert.equal(attempt.category, category, name);
    assert.deepEqual(attempt.tcfPurposes, purposes, name);
    assert.equal(attempt.violation, true, name);
    assert.equal(attempt.cmpRecord, 0, name);
    assert.equal(attempt.enforcedBy, 'document.cookie', name);
    assert.equal(attempt.choice[category], 'block', name);
    assert.match(attempt.frameUrl, /^https:\/\/www\.tcf-news\.example\//, name);
  }
  const pixel = record.attempts.find((a) => a.kind === 'request' && a.url.startsWith('https://connect.facebook.net/'));
  assert.ok(pixel, 'the Meta pixel\'s script load is in the record');
  assert.equal(pixel.requestType, 'script');
  assert.equal(pixel.category, 'marketing');
  assert.equal(pixel.violation, true);
  assert.equal(record.summary.violations, record.attempts.filter((a) => a.violation).length);
}
