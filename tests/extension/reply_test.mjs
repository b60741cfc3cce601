// extension/js/reply.js: every answer of the background is {ok: true, result} or
// {ok: false, code, message}, and a page gets the result or the failure thrown with its code.
// The background's use of it in real Chromium: tests/e2e/extension/ui_pages.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const { Refusal, failure, resultOf, success } = await import('../../extension/js/reply.js');
const { HostError } = await import('../../extension/js/native-host.js');

test('a result, nothing included, is sent as null (a message drops undefined)', () => {
  assert.deepEqual(success({ saved: true }), { ok: true, result: { saved: true } });
  assert.deepEqual(success(undefined), { ok: true, result: null });
  assert.deepEqual(success(0), { ok: true, result: 0 });
});

test('a failure keeps a refusal\'s code and the native host\'s; any other exception is "error"', () => {
  assert.deepEqual(failure(new Refusal('locked', 'Set by your organisation')), { ok: false, code: 'locked', message: 'Set by your organisation' });
  assert.deepEqual(failure(new HostError('not_installed', 'host not found')), { ok: false, code: 'not_installed', message: 'host not found' });
  assert.deepEqual(failure(new TypeError('x is undefined')), { ok: false, code: 'error', message: 'x is undefined' });
  assert.deepEqual(failure('plain text'), { ok: false, code: 'error', message: 'plain text' });
});

test('a page gets the result, or the failure thrown with its code and message', () => {
  assert.deepEqual(resultOf(success({ a: 1 })), { a: 1 });
  assert.equal(resultOf(success(null)), null);
  assert.throws(() => resultOf({ ok: false, code: 'refused', message: 'No such tab' }), (e) => e instanceof Refusal && e.code === 'refused' && e.message === 'No such tab');
  // A background that has not answered (no listener yet, a closed port) is not taken for a result.
  assert.throws(() => resultOf(undefined), (e) => e.code === 'no_reply');
  assert.throws(() => resultOf({ error: 'the old shape' }), (e) => e.code === 'no_reply');
});
