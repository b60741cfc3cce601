// The log of decisions (requests and cookie writes the engine classified or blocked): the options
// page's Log tab, and the evidence of each site's consent-violation record (site-record.js). Kept
// locally (storage.local) per site and per day: at most PER_SITE_DAY entries of a site's day, DAYS
// days, TOTAL entries in all; what is over a bound goes oldest first. Cleared with the site's data.
// storage.local also holds the settings (10 MB on Chromium): TOTAL entries of at most ~2.5 KB each
// (pages choose their URLs and cookie names) leave them room.
import { clip } from './bounded-text.js';
import { localRead, localRemove, localWrite } from './ext.js';

// One storage key a site ('decisionLog:' + site) and a list of the sites: a new entry rewrites its
// site's entries only, not the whole log.
const SITES_KEY = 'decisionLogSites';
const siteKey = (site) => `decisionLog:${site}`;
export const PER_SITE_DAY = 200;
export const DAYS = 30;
export const TOTAL = 2000;
const DAY_MS = 86_400_000;
const TEXT_LIMIT = 1024; // characters of a URL or cookie name kept: pages choose their length
let log = null; // {site: {day: [entries, oldest first]}}, day = 'YYYY-MM-DD' (UTC)
const changed = new Set(); // sites whose stored entries are behind
let saveTimer = 0;

const dayOf = (at) => new Date(at).toISOString().slice(0, 10);
const isMap = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

export async function restoreLog() {
  const sites = await localRead(SITES_KEY);
  const stored = Array.isArray(sites) ? await Promise.all(sites.map((site) => localRead(siteKey(site)))) : [];
  log = {};
  stored.forEach((days, i) => { if (isMap(days)) log[sites[i]] = days; });
  prune(Date.now());
}

async function flush() {
  clearTimeout(saveTimer);
  const sites = [...changed];
  changed.clear();
  await Promise.all(sites.map((site) => (log[site] ? localWrite(siteKey(site), log[site]) : localRemove(siteKey(site)))));
  await localWrite(SITES_KEY, Object.keys(log));
}

function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(flush, 250);
}

// Drops the days older than DAYS, then whole oldest days while over TOTAL.
function prune(now) {
  const oldest = dayOf(now - (DAYS - 1) * DAY_MS);
  const buckets = [];
  for (const [site, days] of Object.entries(log)) {
    for (const day of Object.keys(days)) {
      if (day >= oldest) buckets.push({ site, day, size: days[day].length });
      else { delete days[day]; changed.add(site); }
    }
    if (!Object.keys(days).length) { delete log[site]; changed.add(site); }
  }
  let total = buckets.reduce((n, b) => n + b.size, 0);
  buckets.sort((a, b) => a.day.localeCompare(b.day));
  for (const b of buckets) {
    if (total <= TOTAL) break;
    delete log[b.site][b.day];
    changed.add(b.site);
    if (!Object.keys(log[b.site]).length) delete log[b.site];
    total -= b.size;
  }
}

export function logDecision(entry, now = Date.now()) {
  if (!log) return;
  const kept = { at: now, ...entry, url: clip(entry.url, TEXT_LIMIT) };
  if (entry.name !== undefined) kept.name = clip(entry.name, TEXT_LIMIT);
  if (entry.frameUrl !== undefined) kept.frameUrl = clip(entry.frameUrl, TEXT_LIMIT);
  const site = entry.site || '';
  const days = (log[site] ??= {});
  const list = (days[dayOf(now)] ??= []);
  list.push(kept);
  if (list.length > PER_SITE_DAY) list.splice(0, list.length - PER_SITE_DAY);
  changed.add(site);
  prune(now);
  save();
}

// Every entry (of one site when given), newest first.
export function recentDecisions(site = null) {
  const sites = site === null ? Object.values(log ?? {}) : [log?.[site] ?? {}];
  return sites.flatMap((days) => Object.values(days).flat()).sort((a, b) => b.at - a.at);
}

// "Delete site data": the site's entries go with it, from storage too before this resolves.
// Resolves to how many went.
export async function forgetSiteLog(site) {
  const count = recentDecisions(site).length;
  if (log?.[site]) {
    delete log[site];
    changed.add(site);
    await flush();
  }
  return count;
}
