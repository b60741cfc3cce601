// The sweep: when a choice is made or changed, every cookie this browser already holds (every
// store and partition: cookie-stores.js) is decided by the engine with the policy now in force, and
// the refused ones are removed; each removal is kept for Undo (deleted-cookies.js). More than a
// handful are first shown (a preview with an id) and go only when the person applies that preview.
import { removeCookie } from './cookie-removal.js';
import { everyStoredCookie } from './cookie-stores.js';
import { keepDeletedCookies } from './deleted-cookies.js';
import { decideStoredCookieSafely } from './engine.js';
import { inParallel } from './in-parallel.js';
import { serialQueue } from './serial-queue.js';
import { siteOf } from './site.js';
import { PREVIEW_THRESHOLD, inSlices, isKept, isRefused, storedCookieInput, summarise } from './sweep-plan.js';

// Deciding one cookie takes tens of microseconds: slices of 8 ms keep the worker's event handling
// far below the 50 ms a task may take (bench/extension/sweep.mjs measures it).
const SLICE_MS = 8;
// cookies.remove calls in flight at once (one at a time, each takes Chromium tens of milliseconds,
// more the more cookies are stored).
const REMOVE_LANES = 50;

// The preview waiting for its click: {id, refused: [{cookie, decision}]}. Only the newest counts.
let pending = null;
// One sweep at a time: two choices made in a row are swept in turn.
const serialised = serialQueue();

// [{cookie, decision}] of the cookies the policy refuses and the keep-list does not keep.
async function refusedOf(cookies, policy) {
  const keep = new Set(policy.keep);
  const decided = await inSlices(cookies, (cookie) => (isKept(cookie, keep, siteOf) ? null
    : { cookie, decision: decideStoredCookieSafely(storedCookieInput(cookie)) }), SLICE_MS);
  return decided.filter((d) => d && isRefused(d.decision));
}

// Keeps the refused cookies for Undo, then removes them: {cookies, sites, byCategory, removed,
// failed, undoId, keepError}. What could not be kept is removed all the same (the choice asks for
// it); the page says that Undo is not available.
async function removeAll(refused) {
  const summary = summarise(refused, siteOf);
  if (!refused.length) return { ...summary, removed: 0, failed: 0, undoId: null, keepError: null };
  const cookies = refused.map((r) => r.cookie);
  const kept = await keepDeletedCookies({ kind: 'sweep' }, cookies);
  const removed = (await inParallel(cookies, REMOVE_LANES, removeCookie)).filter(Boolean).length;
  return { ...summary, removed, failed: cookies.length - removed, undoId: kept.id, keepError: kept.error ?? null };
}

// Called after every choice: {applied: result} when a handful or fewer were refused (none is
// {applied: {cookies: 0, …}}), else {preview: {id, cookies, sites, byCategory}} and nothing is removed yet.
export function sweepStoredCookies(policy) {
  return serialised(async () => {
    pending = null;
    const refused = await refusedOf(await everyStoredCookie(), policy);
    if (refused.length <= PREVIEW_THRESHOLD) return { applied: await removeAll(refused) };
    pending = { id: crypto.randomUUID(), refused };
    return { preview: { id: pending.id, ...summarise(refused, siteOf) } };
  });
}

// Removes what the preview `id` showed, each cookie decided again with the policy now in force (a
// choice made since may keep some). {expired: true} when that preview is no longer the newest (or
// the background restarted since): the page asks again.
export function applySweep(id, policy) {
  return serialised(async () => {
    if (!pending || pending.id !== id) return { expired: true };
    const { refused } = pending;
    pending = null;
    return { applied: await removeAll(await refusedOf(refused.map((r) => r.cookie), policy)) };
  });
}
