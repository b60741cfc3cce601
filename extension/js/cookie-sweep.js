// The sweep: when a choice is made or changed, every cookie this browser already holds (every
// store and partition, read by the page that asks and handed over in batches: sweep-handover.js) is
// decided by the engine with the policy now in force, and the refused ones are removed; each removal is kept for Undo (deleted-cookies.js). More than a
// handful are first shown (a preview with an id) and go only when the person applies that preview.
import { removeCookie } from './cookie-removal.js';
import { keepDeletedCookies, keepFirst } from './deleted-cookies.js';
import { decideStoredCookieSafely } from './engine.js';
import { inParallel } from './in-parallel.js';
import { serialQueue } from './serial-queue.js';
import { takeHandover } from './sweep-handover.js';
import { siteOf } from './site.js';
import { PREVIEW_THRESHOLD, inSlices, isKept, isRefused, storedCookieInput, summarise } from './sweep-plan.js';

// Deciding one cookie takes tens of microseconds: slices of 8 ms keep the worker's event handling
// far below the 50 ms a task may take (bench/extension/sweep.mjs measures it).
const SLICE_MS = 8;
// Cookies removed between two progress reports; a cancel takes effect between two slices.
const REMOVE_SLICE = 250;
// Removals in flight at once: each is a round trip to the browser's cookie store.
const REMOVE_LANES = 50;

// The preview waiting for its click: {id, refused: [{cookie, decision}]}. Only the newest counts.
let pending = null;
// The removal under way, {cancelled}, or null: the page that started it can stop it.
let removing = null;
// One sweep at a time: two choices made in a row are swept in turn.
const serialised = serialQueue();

// When each phase of a sweep ran, {handover|classify|keep|remove: [start, end]} in ms since the epoch:
// bench/extension/sweep.mjs tells the longest task of each phase from them; the pages ignore them.
function phaseClock() {
  const phases = {};
  const now = () => performance.timeOrigin + performance.now();
  const time = async (name, work) => {
    const start = now();
    try {
      return await work();
    } finally {
      phases[name] = [start, now()];
    }
  };
  const mark = (name, start) => { phases[name] = [start, now()]; };
  return { phases, time, mark };
}

// [{cookie, decision}] of the cookies the policy refuses and the keep-list does not keep.
async function refusedOf(cookies, policy) {
  const keep = new Set(policy.keep);
  const decided = await inSlices(cookies, (cookie) => (isKept(cookie, keep, siteOf) ? null
    : { cookie, decision: decideStoredCookieSafely(storedCookieInput(cookie)) }), SLICE_MS);
  return decided.filter((d) => d && isRefused(d.decision));
}

// Removes `cookies` a slice at a time until all are done or the removal is cancelled: {done, removed}.
// `onProgress({done, total})` after each slice: the page that asked over a port shows it.
async function removeInSlices(cookies, removal, onProgress) {
  let done = 0;
  let removed = 0;
  while (done < cookies.length && !removal.cancelled) {
    const slice = cookies.slice(done, done + REMOVE_SLICE);
    removed += (await inParallel(slice, REMOVE_LANES, removeCookie)).filter(Boolean).length;
    done += slice.length;
    onProgress({ done, total: cookies.length });
  }
  return { done, removed };
}

// Keeps the refused cookies for Undo, then removes them: {cookies, sites, byCategory, removed,
// failed, undoId, keepError, cancelled, planned}. What could not be kept is removed all the same
// (the choice asks for it); the page says that Undo is not available. A cancelled removal reports,
// and keeps for Undo, the cookies it went through before it stopped.
async function removeAll(refused, clock, onProgress) {
  const summary = summarise(refused, siteOf);
  const nothing = { removed: 0, failed: 0, undoId: null, keepError: null, cancelled: false, planned: refused.length };
  if (!refused.length) return { ...summary, ...nothing };
  const cookies = refused.map((r) => r.cookie);
  const removal = { cancelled: false };
  removing = removal;
  try {
    onProgress({ done: 0, total: cookies.length });
    const kept = await clock.time('keep', () => keepDeletedCookies({ kind: 'sweep' }, cookies));
    const { done, removed } = await clock.time('remove', () => removeInSlices(cookies, removal, onProgress));
    const cancelled = done < cookies.length;
    if (cancelled && kept.id) await keepFirst(kept.id, done);
    return { ...(cancelled ? summarise(refused.slice(0, done), siteOf) : summary), ...nothing, removed, failed: done - removed,
      undoId: done ? kept.id : null, keepError: kept.error ?? null, cancelled };
  } finally {
    removing = null;
  }
}

// Stops the removal under way at its next slice: {cancelling: false} when none is under way.
export function cancelSweep() {
  if (removing) removing.cancelled = true;
  return { cancelling: Boolean(removing) };
}

// Called after every choice with the cookies the page handed over (`handoverId`): {applied: result}
// when a handful or fewer were refused (none is {applied: {cookies: 0, …}}), else {preview: {id,
// cookies, sites, byCategory}} and nothing is removed yet. A cookie listed but gone since is
// simply not removed.
export function sweepStoredCookies(policy, handoverId, onProgress = () => {}) {
  const { cookies, opened } = takeHandover(handoverId);
  return serialised(async () => {
    pending = null;
    const clock = phaseClock();
    clock.mark('handover', opened);
    const refused = await clock.time('classify', () => refusedOf(cookies, policy));
    if (refused.length <= PREVIEW_THRESHOLD) return { applied: { ...(await removeAll(refused, clock, onProgress)), phases: clock.phases } };
    pending = { id: crypto.randomUUID(), refused };
    return { preview: { id: pending.id, ...summarise(refused, siteOf), phases: clock.phases } };
  });
}

// Removes what the preview `id` showed, each cookie decided again with the policy now in force (a
// choice made since may keep some). {expired: true} when that preview is no longer the newest (or
// the background restarted since): the page asks again.
export function applySweep(id, policy, onProgress = () => {}) {
  return serialised(async () => {
    if (!pending || pending.id !== id) return { expired: true };
    const { refused } = pending;
    pending = null;
    const clock = phaseClock();
    const still = await clock.time('classify', () => refusedOf(refused.map((r) => r.cookie), policy));
    return { applied: { ...(await removeAll(still, clock, onProgress)), phases: clock.phases } };
  });
}
