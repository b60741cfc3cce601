// extension/js/sweep-handover.js: the bounds on the cookies a page hands the background for a
// sweep. The whole sweep through it in real Chromium and Firefox: tests/e2e/extension/sweep_*.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const { BATCH_COOKIES, IDLE_MS, MAX_BATCHES, acceptBatch, openHandover, takeHandover } = await import('../../extension/js/sweep-handover.js');

const cookie = (i) => ({ name: `c${i}`, domain: '.shop.example', path: '/', value: 'v', storeId: '0' });
const cookies = (n, from = 0) => Array.from({ length: n }, (_, i) => cookie(from + i));
const refusedWith = (code) => (e) => e.code === code && e.message.length > 0;

test('the cookies handed over in batches are the ones the sweep takes, in order', () => {
  const { handover, batchCookies } = openHandover();
  assert.equal(batchCookies, BATCH_COOKIES);
  assert.deepEqual(acceptBatch(handover, cookies(BATCH_COOKIES)), { received: BATCH_COOKIES });
  assert.deepEqual(acceptBatch(handover, cookies(3, BATCH_COOKIES)), { received: BATCH_COOKIES + 3 });
  const taken = takeHandover(handover);
  assert.deepEqual(taken.cookies.map((c) => c.name), cookies(BATCH_COOKIES + 3).map((c) => c.name));
  // Taken once: the handover is over.
  assert.throws(() => takeHandover(handover), refusedWith('handover_expired'));
});

test('a batch over the cap is refused with a clear code and the handover keeps what it had', () => {
  const { handover } = openHandover();
  acceptBatch(handover, cookies(2));
  assert.throws(() => acceptBatch(handover, cookies(BATCH_COOKIES + 1)), refusedWith('batch_too_large'));
  assert.equal(takeHandover(handover).cookies.length, 2);
});

test('a batch that is not a list of cookies is refused', () => {
  const { handover } = openHandover();
  for (const bad of [undefined, 'x', { length: 1 }, [null], [{ name: 1, domain: '.a.example' }], [{ name: 'a' }]]) {
    assert.throws(() => acceptBatch(handover, bad), refusedWith('invalid'), JSON.stringify(bad));
  }
  assert.deepEqual(takeHandover(handover).cookies, []);
});

test('more batches than a sweep may have are refused, and the handover is dropped', () => {
  const { handover, maxBatches } = openHandover();
  assert.equal(maxBatches, MAX_BATCHES);
  for (let i = 0; i < MAX_BATCHES; i += 1) acceptBatch(handover, [cookie(i)]);
  assert.throws(() => acceptBatch(handover, [cookie(0)]), refusedWith('too_many_batches'));
  assert.throws(() => takeHandover(handover), refusedWith('handover_expired'));
});

test('an unknown handover id, and an older one once a newer sweep started, are refused', () => {
  assert.throws(() => acceptBatch('no-such-id', [cookie(0)]), refusedWith('handover_expired'));
  assert.throws(() => takeHandover('no-such-id'), refusedWith('handover_expired'));
  const older = openHandover().handover;
  acceptBatch(older, cookies(5));
  const newer = openHandover().handover;
  assert.notEqual(newer, older);
  assert.throws(() => acceptBatch(older, [cookie(0)]), refusedWith('handover_expired'));
  assert.throws(() => takeHandover(older), refusedWith('handover_expired'));
  // The newer one holds nothing of the older one.
  assert.deepEqual(takeHandover(newer).cookies, []);
});

test('a handover whose page stopped sending (closed mid-handover) is dropped after a while', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { handover } = openHandover();
  acceptBatch(handover, cookies(3));
  t.mock.timers.tick(IDLE_MS - 1);
  // Each batch gives it another while.
  acceptBatch(handover, cookies(3, 3));
  t.mock.timers.tick(IDLE_MS - 1);
  acceptBatch(handover, cookies(1, 6));
  t.mock.timers.tick(IDLE_MS);
  assert.throws(() => takeHandover(handover), refusedWith('handover_expired'));
  assert.throws(() => acceptBatch(handover, [cookie(0)]), refusedWith('handover_expired'));
});
