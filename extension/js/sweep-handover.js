// The cookies a page hands the background for a sweep. The page reads them (cookie-stores.js): the
// cookies API's answer is turned into objects on the page's thread, where one answer of 5,000
// cookies takes hundreds of milliseconds, and the background parses only one batch per message
// (about 40 µs a cookie on a loaded machine). The page lists cookies, never verdicts: the
// background decides each one itself (cookie-sweep.js). A page cannot make the background hold
// unbounded data: a batch and the number of batches are capped, only the newest handover is kept,
// and one that stops receiving batches (its page was closed) is dropped.
import { Refusal } from './reply.js';

// 500 cookies a message keep the background's parse of it near 20 ms (bench/extension/sweep.mjs).
export const BATCH_COOKIES = 500;
// 100,000 cookies: far above what a browser keeps (Chromium about 3,300 unpartitioned ones).
export const MAX_BATCHES = 200;
// A handover with no message for this long is dropped: its page was closed, or it stopped.
export const IDLE_MS = 60_000;

// The newest handover, {id, cookies, batches, idle, opened}, or null.
let current = null;

function drop() {
  clearTimeout(current?.idle);
  current = null;
}

function wake(handover) {
  clearTimeout(handover.idle);
  handover.idle = setTimeout(() => { if (current === handover) drop(); }, IDLE_MS);
}

// The newest handover named `id`; one that is older, dropped or never opened is refused.
function handoverOf(id) {
  if (!current || current.id !== id) {
    throw new Refusal('handover_expired', 'this sweep\'s cookies are no longer awaited (a newer sweep started, the page was idle too long, or the background restarted)');
  }
  return current;
}

// A cookie as the cookies API lists it: the background reads its name, domain and path.
const isListedCookie = (c) => c !== null && typeof c === 'object' && typeof c.name === 'string' && typeof c.domain === 'string'
  && typeof (c.path ?? '') === 'string';

// Starts a handover and drops the one before: {handover: id, batchCookies, maxBatches}.
export function openHandover() {
  drop();
  current = { id: crypto.randomUUID(), cookies: [], batches: 0, idle: null, opened: performance.timeOrigin + performance.now() };
  wake(current);
  return { handover: current.id, batchCookies: BATCH_COOKIES, maxBatches: MAX_BATCHES };
}

// Adds one batch of cookies to the handover `id`: {received} cookies so far.
export function acceptBatch(id, cookies) {
  const handover = handoverOf(id);
  if (!Array.isArray(cookies) || !cookies.every(isListedCookie)) throw new Refusal('invalid', 'a batch is a list of cookies as the cookies API lists them');
  if (cookies.length > BATCH_COOKIES) throw new Refusal('batch_too_large', `a batch holds at most ${BATCH_COOKIES} cookies, not ${cookies.length}`);
  if (handover.batches >= MAX_BATCHES) {
    drop();
    throw new Refusal('too_many_batches', `a sweep is handed over in at most ${MAX_BATCHES} batches`);
  }
  handover.batches += 1;
  for (const c of cookies) handover.cookies.push(c);
  wake(handover);
  return { received: handover.cookies.length };
}

// The cookies of the handover `id`, which ends: {cookies, opened} (ms since the epoch).
export function takeHandover(id) {
  const { cookies, opened } = handoverOf(id);
  drop();
  return { cookies, opened };
}
