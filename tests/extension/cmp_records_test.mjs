// extension/js/cmp-records.js: the CMP records kept per site in storage.local, a repeat refreshing
// the latest one, bounded per site and in all (least recently seen first), forgotten per site.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const { allCmpRecords, cmpRecordsOf, forgetCmpRecords, keepCmpRecord, PER_SITE, TOTAL } = await import('../../extension/js/cmp-records.js');

const NOW = Date.parse('2026-12-07T12:00:00Z');
const tcData = (tcString) => ({ tcString, gdprApplies: true, purpose: { consents: {} } });

test('a repeat refreshes lastSeen; a new answer is a new record; the newest PER_SITE stay', async () => {
  await keepCmpRecord('news.example', tcData('A'), 'https://news.example/', NOW);
  await keepCmpRecord('news.example', tcData('A'), 'https://news.example/', NOW + 5);
  let list = await cmpRecordsOf('news.example');
  assert.deepEqual(list.map((r) => [r.tcString, r.at, r.lastSeen]), [['A', NOW, NOW + 5]]);
  for (let i = 0; i < PER_SITE + 3; i += 1) await keepCmpRecord('news.example', tcData(`B${i}`), 'https://news.example/', NOW + 10 + i);
  list = await cmpRecordsOf('news.example');
  assert.equal(list.length, PER_SITE);
  assert.equal(list.at(-1).tcString, `B${PER_SITE + 2}`);
  assert.equal(await keepCmpRecord('news.example', { tcString: 5 }, '', NOW), null, 'not TCData: nothing kept');
});

test('TOTAL records in all, the least recently seen dropped first; forgotten per site', async () => {
  chrome.storage.local.data.clear();
  for (let i = 0; i < TOTAL + 5; i += 1) await keepCmpRecord(`s${i}.example`, tcData('A'), `https://s${i}.example/`, NOW + i);
  const all = await allCmpRecords();
  assert.equal(Object.keys(all).length, TOTAL);
  assert.ok(!('s0.example' in all) && 's5.example' in all && `s${TOTAL + 4}.example` in all);
  assert.equal(await forgetCmpRecords('s5.example'), 1);
  assert.deepEqual(await cmpRecordsOf('s5.example'), []);
  assert.equal(await forgetCmpRecords('s5.example'), 0);
});
