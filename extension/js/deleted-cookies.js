// The cookies "Delete site data" removed in this browser, kept for the popup's Undo. They live in
// storage.session (in memory, gone when the browser closes: cookie values sign people in, so they
// are never written to disk) under their own key, apart from the settings. Only cookies come back:
// what browsingData removes (localStorage, IndexedDB, …) cannot be read before, so it cannot be kept.
import { cookieUrl } from './cookie-removal.js';
import { sessionRead, sessionWrite } from './ext.js';

const KEY = 'deletedCookies';
// storage.session holds 10 MB for everything (the logs and reports mirror there too): the kept
// deletions together stay under 1 MiB of JSON, the oldest sites dropped first.
const MAX_CHARS = 1 << 20;

// Every field cookies.set accepts, from what cookies.getAll listed.
function settable(c) {
  const details = { url: cookieUrl(c), name: c.name, value: c.value, path: c.path, secure: c.secure, httpOnly: c.httpOnly, storeId: c.storeId };
  if (!c.hostOnly) details.domain = c.domain;
  if (c.sameSite && c.sameSite !== 'unspecified') details.sameSite = c.sameSite;
  if (!c.session && c.expirationDate !== undefined) details.expirationDate = c.expirationDate;
  if (c.partitionKey) details.partitionKey = c.partitionKey;
  if (c.firstPartyDomain) details.firstPartyDomain = c.firstPartyDomain;
  return details;
}

const sizeOf = (entries) => JSON.stringify(entries).length;

// Keeps the site's cookies, about to be deleted, for Undo; replaces what was kept for the site
// before. Resolves to whether they were kept (false: too many to keep, or storage refused).
export async function keepDeletedCookies(site, cookies) {
  const entries = ((await sessionRead(KEY)) ?? []).filter((e) => e.site !== site);
  entries.push({ site, cookies: cookies.map(settable) });
  while (entries.length > 1 && sizeOf(entries) > MAX_CHARS) entries.shift();
  if (sizeOf(entries) > MAX_CHARS) return false;
  return sessionWrite(KEY, entries);
}

// Sets the kept cookies of the site back: {kept, restored, expired, failed}. A cookie that has
// expired since is not set (setting it would only remove it again).
export async function restoreDeletedCookies(site) {
  const entries = (await sessionRead(KEY)) ?? [];
  const entry = entries.find((e) => e.site === site);
  const outcome = { kept: entry?.cookies.length ?? 0, restored: 0, expired: 0, failed: 0 };
  if (!entry) return outcome;
  const now = Date.now() / 1000;
  for (const details of entry.cookies) {
    if (details.expirationDate !== undefined && details.expirationDate <= now) {
      outcome.expired += 1;
      continue;
    }
    try {
      if (await chrome.cookies.set(details)) outcome.restored += 1;
      else outcome.failed += 1;
    } catch (e) {
      console.warn('cookie restore failed', details.name, details.url, e);
      outcome.failed += 1;
    }
  }
  await sessionWrite(KEY, entries.filter((e) => e !== entry));
  return outcome;
}
