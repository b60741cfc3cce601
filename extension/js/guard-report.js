// What the cookie guard's reports from a tab may add to its report and to the decision log. A page
// can forge the reporter's events (content/guard-reporter.js) with any names, as often as it likes:
// every write is checked (a way of writing the guard knows, a name clipped to NAME_LIMIT) and each
// tab has a budget of writes per minute; what is over it is dropped.
import { clip } from './bounded-text.js';

export const NAME_LIMIT = 256;
export const WRITES_PER_MINUTE = 300;
const HOWS = new Set(['document.cookie', 'cookieStore.set']);
const MINUTE = 60_000;

const budgets = new Map(); // tabId -> {since, used}

// The writes [{name, how}] of one report that may be kept.
export function acceptWrites(tabId, writes, now = Date.now()) {
  const list = Array.isArray(writes) ? writes : [];
  let budget = budgets.get(tabId);
  if (!budget || now - budget.since >= MINUTE) budgets.set(tabId, (budget = { since: now, used: 0 }));
  const kept = [];
  for (const w of list) {
    if (budget.used >= WRITES_PER_MINUTE) break;
    if (typeof w?.name !== 'string' || !HOWS.has(w.how)) continue;
    budget.used += 1;
    kept.push({ name: clip(w.name, NAME_LIMIT), how: w.how });
  }
  return kept;
}

export function forgetTabBudget(tabId) {
  budgets.delete(tabId);
}
