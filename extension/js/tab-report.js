// What happened in each tab since its last top-level navigation: requests per category (blocked /
// allowed, by what actually happened to them), the vendors seen, the URLs, and the cookies removed.
// Fed by non-blocking webRequest observation; kept in session storage across worker restarts.
import { clip } from './bounded-text.js';
import { sessionRead, sessionWrite } from './ext.js';

const KEY = 'tabReports';
const URL_LIMIT = 300; // entries per list
const TEXT_LIMIT = 1024; // characters of a URL or cookie name kept
// Session storage is shared with the settings' mirror and the decision log: the reports saved
// there take at most this many characters of JSON, the newest reports first.
const SAVE_BUDGET = 2 * 1024 * 1024;
let reports = null;
const pending = new Map(); // requestId -> {tabId, entry}
let saveTimer = 0;

export async function restoreReports() {
  const saved = Object.values((await sessionRead(KEY)) ?? {}).sort((a, b) => a.startedAt - b.startedAt);
  reports = new Map(saved.map((r) => [r.tabId, r]));
}

function withinBudget() {
  const kept = {};
  let size = 0;
  for (const r of [...reports.values()].reverse()) {
    size += JSON.stringify(r).length;
    if (size > SAVE_BUDGET) break;
    kept[r.tabId] = r;
  }
  return kept;
}

function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => sessionWrite(KEY, withinBudget()), 300);
}

export function startReport(tabId, url, site) {
  if (!reports || tabId < 0) return;
  reports.delete(tabId); // the Map's order is the order the reports started: the newest last
  reports.set(tabId, { tabId, url, site, startedAt: Date.now(), categories: {}, vendors: {}, requests: [], cookies: [], cookieWrites: [] });
  save();
}

export function dropReport(tabId) {
  reports?.delete(tabId);
  save();
}

function tally(report, entry) {
  const category = entry.category || 'unknown';
  const c = (report.categories[category] ??= { blocked: 0, allowed: 0 });
  c[entry.outcome] += 1;
  if (entry.vendor) {
    const v = (report.vendors[entry.vendor] ??= { category, blocked: 0, allowed: 0 });
    v[entry.outcome] += 1;
  }
}

// A request seen before it is sent, with the engine's decision; the outcome comes later.
export function noteRequest(details, decision) {
  if (!reports || details.tabId < 0 || !reports.has(details.tabId)) return;
  // Requests that never settle (served from a service worker, say) must not accumulate.
  if (pending.size > 5000) pending.delete(pending.keys().next().value);
  pending.set(details.requestId, {
    tabId: details.tabId,
    entry: { url: clip(details.url, TEXT_LIMIT), type: details.type, category: decision?.category ?? 'unknown', vendor: decision?.vendor ?? '',
      rule: decision?.rule ?? '', expected: decision?.action ?? 'allow' },
  });
}

// outcome: 'allowed' (a response arrived) or 'blocked' (the browser or we refused it).
export function settleRequest(requestId, outcome) {
  const p = pending.get(requestId);
  if (!p) return null;
  pending.delete(requestId);
  const report = reports.get(p.tabId);
  if (!report) return null;
  const entry = { ...p.entry, outcome };
  tally(report, entry);
  if (report.requests.length < URL_LIMIT) report.requests.push(entry);
  save();
  return entry;
}

export function noteCookieRemoval(tabIds, cookie) {
  for (const tabId of tabIds) {
    const report = reports?.get(tabId);
    if (report && report.cookies.length < URL_LIMIT) report.cookies.push({ ...cookie, name: clip(cookie.name, TEXT_LIMIT) });
  }
  save();
}

// Script cookie writes the guard refused in the tab's frames.
export function noteCookieWrites(tabId, writes) {
  const report = reports?.get(tabId);
  if (!report) return;
  report.cookieWrites ??= [];
  for (const w of writes) if (report.cookieWrites.length < URL_LIMIT) report.cookieWrites.push(w);
  save();
}

// How the page's cookie banner was answered (banner-answers.js). The main frame's "no CMP" comes
// last and never replaces what a frame's banner got.
export function noteBannerOutcome(tabId, outcome) {
  const report = reports?.get(tabId);
  if (!report || (outcome.outcome === 'none' && report.banner)) return;
  report.banner = outcome;
  save();
}

// Tabs whose top-level site is `site` (for cookie removals, which have no tab of their own).
export function tabsOfSite(site) {
  return reports ? [...reports.values()].filter((r) => r.site === site).map((r) => r.tabId) : [];
}

// The host names of the open tabs' pages and of every request they made (frames included): the
// hosts "Delete site data" knows hold a site's storage.
export function hostsSeen() {
  const hosts = new Set();
  for (const r of reports?.values() ?? []) {
    for (const url of [r.url, ...r.requests.map((q) => q.url)]) {
      try { hosts.add(new URL(url).hostname); } catch { /* not a URL */ }
    }
  }
  return hosts;
}

export function reportOf(tabId) {
  return reports?.get(tabId) ?? null;
}
