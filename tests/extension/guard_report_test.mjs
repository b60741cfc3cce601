// extension/js/guard-report.js: what a page's cookie-guard reports (which it can forge) may add to
// the tab report and the decision log.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const { acceptWrites, forgetTabBudget, NAME_LIMIT, WRITES_PER_MINUTE } = await import('../../extension/js/guard-report.js');

test('names are clipped, unknown ways of writing and non-strings are dropped', () => {
  const kept = acceptWrites(1, [
    { name: 'x'.repeat(1_000_000), how: 'document.cookie' },
    { name: '_ga', how: 'cookieStore.set' },
    { name: '_fbp', how: 'x'.repeat(100) },
    { name: 42, how: 'document.cookie' },
    null,
  ], 0);
  assert.deepEqual(kept.map((w) => [w.name.length, w.how]), [[NAME_LIMIT + 1, 'document.cookie'], [3, 'cookieStore.set']]);
  assert.equal(acceptWrites(1, 'not a list', 0).length, 0);
  forgetTabBudget(1);
});

test('each tab has a budget of writes per minute; another tab and the next minute start afresh', () => {
  const burst = Array.from({ length: 200 }, (_, i) => ({ name: `c${i}`, how: 'document.cookie' }));
  assert.equal(acceptWrites(2, burst, 1000).length, 200);
  assert.equal(acceptWrites(2, burst, 2000).length, WRITES_PER_MINUTE - 200);
  assert.equal(acceptWrites(2, burst, 3000).length, 0, 'over the budget: dropped');
  assert.equal(acceptWrites(3, burst, 3000).length, 200, 'another tab has its own budget');
  assert.equal(acceptWrites(2, burst, 61_000).length, 200, 'a minute later');
  forgetTabBudget(2);
  assert.equal(acceptWrites(2, burst, 61_001).length, 200, 'a closed tab\'s budget is forgotten');
});
