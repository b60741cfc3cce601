// A page's request for the sweep: it reads every stored cookie itself (cookie-stores.js), so that
// turning the cookies API's answers into objects takes the page's thread and not the
// background's, then hands them over in batches the background parses quickly
// (sweep-handover.js) and asks for the sweep of exactly those.
import { ask, MSG } from './background-client.js';
import { everyStoredCookie } from './cookie-stores.js';

// The background's reply to MSG.sweep; `timing.read` is when the page read the cookies, [start,
// end] in ms since the epoch (bench/extension/sweep.mjs).
export async function requestSweep() {
  const now = () => performance.timeOrigin + performance.now();
  const start = now();
  const cookies = await everyStoredCookie();
  const read = [start, now()];
  const { handover, batchCookies } = await ask(MSG.sweepHandover);
  for (let i = 0; i < cookies.length; i += batchCookies) {
    await ask(MSG.sweepBatch, { handover, cookies: cookies.slice(i, i + batchCookies) });
  }
  return { ...(await ask(MSG.sweep, { handover })), read };
}
