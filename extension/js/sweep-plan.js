import { CATEGORIES, labelOf } from './categories.js';
import { nextTurn } from './next-turn.js';

// What the sweep decides about each stored cookie, apart from the browser: the engine's input for a
// cookie the cookies API listed, the keep-list, and the counts the pages show. Pure, so that it is
// tested in node (tests/extension/sweep_plan_test.mjs); cookie-sweep.js does the browser's part.

// More refused cookies than this are shown before they go; this many or fewer go at once (with Undo).
export const PREVIEW_THRESHOLD = 10;

// The engine's StoredCookie (wasm/js/warden.js decideStoredCookie): a domain cookie's domain starts
// with a dot; the partition is Chromium's or Firefox's partitionKey.topLevelSite, or the
// firstPartyDomain of Firefox's first-party isolation.
export function storedCookieInput(cookie) {
  const bare = cookie.domain.replace(/^\./, '');
  return {
    name: cookie.name,
    domain: cookie.hostOnly ? bare : `.${bare}`,
    path: cookie.path || '/',
    partitionKey: cookie.partitionKey?.topLevelSite || cookie.firstPartyDomain || '',
  };
}

// The top-level site a partitioned cookie is kept under, or '' when it is not partitioned.
export function partitionSiteOf(cookie, siteOf) {
  const top = cookie.partitionKey?.topLevelSite;
  if (top) {
    try { return siteOf(new URL(top).hostname); } catch { return ''; }
  }
  return cookie.firstPartyDomain ? siteOf(cookie.firstPartyDomain) : '';
}

// A kept site keeps everything it stored: its own cookies in every partition, and every cookie
// kept in its partition.
export function isKept(cookie, keep, siteOf) {
  if (!keep.size) return false;
  return keep.has(siteOf(cookie.domain)) || keep.has(partitionSiteOf(cookie, siteOf));
}

// Necessary is never removed, whatever a decision says.
export const isRefused = (decision) => decision?.action === 'block' && decision.category !== 'necessary';

// {cookies, sites, byCategory: {category: count}} of [{cookie, decision}]: what the pages say
// ("312 cookies of refused categories on 87 sites").
export function summarise(refused, siteOf) {
  const sites = new Set();
  const byCategory = {};
  for (const { cookie, decision } of refused) {
    sites.add(partitionSiteOf(cookie, siteOf) || siteOf(cookie.domain));
    byCategory[decision.category] = (byCategory[decision.category] ?? 0) + 1;
  }
  return { cookies: refused.length, sites: sites.size, byCategory };
}

// Runs `work` on every item, giving the event loop a turn whenever a slice has run `sliceMs`: a
// sweep of thousands of cookies must not keep the worker from its other events. Resolves to the
// results, in order.
export async function inSlices(items, work, sliceMs) {
  const results = [];
  let sliceStart = performance.now();
  for (const item of items) {
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
    results.push(work(item));
  }
  return results;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

// "312 cookies of refused categories on 87 sites (Analytics 200, Marketing 112)", categories in
// the onboarding page's order.
export function describeSweep({ cookies, sites, byCategory }) {
  const order = [...CATEGORIES.map((c) => c.key), 'unknown'];
  const parts = order.filter((k) => byCategory[k]).map((k) => `${labelOf(k)} ${byCategory[k]}`);
  return `${plural(cookies, 'cookie')} of refused categories on ${plural(sites, 'site')} (${parts.join(', ')})`;
}
