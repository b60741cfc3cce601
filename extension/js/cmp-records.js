// The CMP records (cmp-record.js) of each site, kept locally beside the decision log and bounded
// like it: the newest PER_SITE of a site, TOTAL in all (the least recently seen go first), none
// seen last longer ago than the log's DAYS; a record that says what the site's latest one said only
// refreshes its `lastSeen`. Cleared with the site's data. storage.local also holds the settings
// (10 MB on Chromium): TOTAL records of at most ~25 KB each (cmp-record.js) leave them room.
import { cmpRecordOf, sameRecord } from './cmp-record.js';
import { DAYS } from './decision-log.js';
import { localRead, localWrite } from './ext.js';
import { serialQueue } from './serial-queue.js';

const KEY = 'cmpRecords';
export const PER_SITE = 20;
export const TOTAL = 100;
const DAY_MS = 86_400_000;
const inTurn = serialQueue();

async function readAll() {
  const stored = await localRead(KEY);
  return stored && typeof stored === 'object' && !Array.isArray(stored) ? stored : {};
}

// Keeps what a page of `site` read from its CMP; resolves to the record kept, or null.
export function keepCmpRecord(site, tcData, pageUrl, now = Date.now()) {
  const record = cmpRecordOf(tcData, { at: now, pageUrl });
  if (!record || !site) return Promise.resolve(null);
  return inTurn(async () => {
    const all = await readAll();
    const list = (all[site] ?? []).filter((r) => (r.lastSeen ?? r.at) >= now - DAYS * DAY_MS);
    const last = list[list.length - 1];
    if (last && sameRecord(last, record)) last.lastSeen = now;
    else list.push({ ...record, lastSeen: now });
    all[site] = list.slice(-PER_SITE);
    dropLeastRecent(all);
    await localWrite(KEY, all);
    return record;
  });
}

function dropLeastRecent(all) {
  const seen = Object.entries(all).flatMap(([site, list]) => list.map((r) => ({ site, r })));
  seen.sort((a, b) => (a.r.lastSeen ?? a.r.at) - (b.r.lastSeen ?? b.r.at));
  for (const { site, r } of seen.slice(0, Math.max(0, seen.length - TOTAL))) {
    all[site] = all[site].filter((kept) => kept !== r);
    if (!all[site].length) delete all[site];
  }
}

export async function cmpRecordsOf(site) {
  return (await readAll())[site] ?? [];
}

export async function allCmpRecords() {
  return readAll();
}

export function forgetCmpRecords(site) {
  return inTurn(async () => {
    const all = await readAll();
    const count = all[site]?.length ?? 0;
    if (count) {
      delete all[site];
      await localWrite(KEY, all);
    }
    return count;
  });
}
