// extension/js/decision-log.js: one log, kept in storage.local, bounded per site and per day
// (oldest dropped first), for DAYS days and TOTAL entries, and forgotten per site.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const { DAYS, forgetSiteLog, logDecision, PER_SITE_DAY, recentDecisions, restoreLog, TOTAL } = await import('../../extension/js/decision-log.js');

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T12:00:00Z');
const entry = (site, n) => ({ kind: 'cookie', site, url: site, name: `c${n}`, category: 'analytics', action: 'block' });

test('per site and day: the newest PER_SITE_DAY entries, oldest dropped first; other sites and days keep theirs', async () => {
  await restoreLog();
  for (let n = 0; n < PER_SITE_DAY + 5; n += 1) logDecision(entry('a.example', n), NOW + n);
  logDecision(entry('a.example', 'yesterday'), NOW - DAY);
  logDecision(entry('b.example', 'b'), NOW);
  const a = recentDecisions('a.example');
  assert.equal(a.length, PER_SITE_DAY + 1);
  assert.equal(a[0].name, `c${PER_SITE_DAY + 4}`, 'newest first');
  assert.ok(!a.some((e) => e.name === 'c0' || e.name === 'c4'), 'the day\'s oldest went');
  assert.ok(a.some((e) => e.name === 'cyesterday'), 'another day keeps its own');
  assert.deepEqual(recentDecisions('b.example').map((e) => e.name), ['cb']);
});

test('days older than DAYS go; over TOTAL, whole oldest days go first', async () => {
  chrome.storage.local.data.clear();
  await restoreLog();
  logDecision(entry('old.example', 'old'), NOW - DAYS * DAY);
  logDecision(entry('new.example', 'new'), NOW);
  assert.deepEqual(recentDecisions().map((e) => e.name), ['cnew']);
  let n = 0;
  for (let day = 0; n < TOTAL + 10; day += 1) {
    for (let i = 0; i < PER_SITE_DAY && n < TOTAL + 10; i += 1, n += 1) logDecision(entry(`s${day}.example`, n), NOW - (DAYS - 2 - day) * DAY + i);
  }
  const all = recentDecisions();
  assert.ok(all.length <= TOTAL, `${all.length} entries`);
  assert.ok(all.some((e) => e.name === `c${TOTAL + 9}`), 'the newest stays');
  assert.ok(!all.some((e) => e.name === 'c0'), 'the oldest day went');
});

test('kept in storage.local across a restart, a key a site, and forgotten per site', async () => {
  chrome.storage.local.data.clear();
  await restoreLog();
  logDecision(entry('a.example', 1), NOW);
  logDecision(entry('b.example', 2), NOW);
  assert.equal(await forgetSiteLog('a.example'), 1);
  assert.deepEqual([...chrome.storage.local.data.keys()].sort(), ['decisionLog:b.example', 'decisionLogSites']);
  await restoreLog();
  assert.deepEqual(recentDecisions().map((e) => e.site), ['b.example']);
  assert.equal(await forgetSiteLog('nothing.example'), 0);
});

test('an entry rewrites its own site\'s key only; a site whose days all went leaves no key', async () => {
  chrome.storage.local.data.clear();
  await restoreLog();
  logDecision(entry('a.example', 1), NOW - (DAYS - 1) * DAY);
  logDecision(entry('b.example', 2), NOW);
  await forgetSiteLog('none.example'); // nothing to forget: writes nothing
  await new Promise((r) => setTimeout(r, 300)); // the debounced write
  const a = chrome.storage.local.data.get('decisionLog:a.example');
  logDecision(entry('b.example', 3), NOW + 1);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(chrome.storage.local.data.get('decisionLog:a.example'), a, 'a.example was not written again');
  logDecision(entry('b.example', 4), NOW + DAY); // a day later a.example's only day is too old
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(chrome.storage.local.data.has('decisionLog:a.example'), false);
  assert.deepEqual(chrome.storage.local.data.get('decisionLogSites'), ['b.example']);
});
