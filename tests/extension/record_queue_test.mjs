// extension/js/record-queue.js, with the real tab reports and decision log it records into: what a
// woken background records while its reports and log are still being restored is kept, after what
// the previous start saved, in the order of its events; a failed restore does not stop recording.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const { recordQueue } = await import('../../extension/js/record-queue.js');
// The worker before it was stopped, and the woken worker: each its own instance of the modules.
const before = { report: await import('../../extension/js/tab-report.js'), log: await import('../../extension/js/decision-log.js') };
const report = await import('../../extension/js/tab-report.js?woken');
const { logDecision, recentDecisions, restoreLog } = await import('../../extension/js/decision-log.js?woken');

const GA = { action: 'block', category: 'analytics', vendor: 'Google Analytics', rule: '||google-analytics.com^' };
const NOW = Date.now();

// Storage reads that wait until `open()`: the restore of a worker woken by its events.
function holdReads() {
  let open;
  const gate = new Promise((resolve) => { open = resolve; });
  const held = [chrome.storage.local, chrome.storage.session].map((area) => {
    const get = area.get;
    area.get = async (key) => { await gate; return get(key); };
    return () => { area.get = get; };
  });
  return () => { held.forEach((release) => release()); open(); };
}

// What the worker saved before it was stopped: tab 5's report, and a log entry of a.example.
async function savedByThePreviousStart() {
  await before.report.restoreReports();
  before.report.startReport(5, 'https://www.shop.example/', 'shop.example');
  before.report.noteRequest({ tabId: 5, requestId: 'old', url: 'https://www.google-analytics.com/old', type: 'ping' }, GA);
  before.report.settleRequest('old', 'blocked');
  await new Promise((r) => setTimeout(r, 400)); // the reports' saves are debounced
  await before.log.restoreLog();
  before.log.logDecision({ kind: 'request', site: 'shop.example', url: 'https://www.google-analytics.com/old', category: 'analytics', action: 'block' }, NOW - 1000);
  await new Promise((r) => setTimeout(r, 300)); // so are the log's
}

test('what is recorded during the restore is kept, after what was saved, in the order of its events', async () => {
  await savedByThePreviousStart();
  const open = holdReads();
  const restored = Promise.all([restoreLog(), report.restoreReports()]);
  const record = recordQueue(restored);
  // Events of the woken worker, decided at once: a request of tab 5, its outcome, a log entry.
  record(() => report.noteRequest({ tabId: 5, requestId: 'new', url: 'https://www.google-analytics.com/new', type: 'ping' }, GA));
  const settled = record(() => report.settleRequest('new', 'blocked'));
  const logged = record(() => logDecision({ kind: 'request', site: 'shop.example', url: 'https://www.google-analytics.com/new',
    category: 'analytics', action: 'block' }, NOW));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(report.reportOf(5), null, 'nothing is recorded before the restore');
  open();
  assert.equal((await settled)?.url, 'https://www.google-analytics.com/new', 'the request was noted before its outcome settled it');
  await logged;
  assert.deepEqual(report.reportOf(5).requests.map((r) => r.url),
    ['https://www.google-analytics.com/old', 'https://www.google-analytics.com/new']);
  assert.deepEqual(report.reportOf(5).categories, { analytics: { blocked: 2, allowed: 0 } });
  assert.deepEqual(recentDecisions('shop.example').map((e) => e.url),
    ['https://www.google-analytics.com/new', 'https://www.google-analytics.com/old']);
});

test('work waits for the work queued before it, even when that work waits itself', async () => {
  const order = [];
  const record = recordQueue(Promise.resolve());
  record(async () => { await new Promise((r) => setTimeout(r, 20)); order.push('first'); });
  await record(() => order.push('second'));
  assert.deepEqual(order, ['first', 'second']);
});

test('a failed restore or a failed work does not stop the recording', async () => {
  const errors = [];
  const consoleError = console.error;
  console.error = (...args) => errors.push(args[0]);
  try {
    const record = recordQueue(Promise.reject(new Error('storage is gone')));
    await assert.rejects(record(() => { throw new Error('this work failed'); }), /this work failed/);
    assert.equal(await record(() => 'recorded'), 'recorded');
    assert.equal(errors.length, 2, errors.join('; '));
  } finally {
    console.error = consoleError;
  }
});
