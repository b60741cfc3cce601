// The one keeper of the cookies Cookie Warden removed in this browser, for Undo: "Delete site data"
// (one site) and the sweep (every site) both keep what they remove here, each removal under its
// own undo id. They live in storage.session (in memory, gone when the browser closes: cookie values
// sign people in, so they are never written to disk) under their own keys, apart from the settings.
// Only cookies come back: what browsingData removes (localStorage, IndexedDB, …) cannot be read
// before, so it cannot be kept.
//
// An index lists the removals ({id, kind, site, at, count, pages, chars}); each removal's cookies
// are stored in pages of PAGE_SIZE under their own keys: storage serialises a value in one go, and a
// sweep's thousands of cookies in one value would hold the worker up for hundreds of milliseconds.
import { cookieAddress } from './cookie-removal.js';
import { sessionRead, sessionRemove, sessionWrite } from './ext.js';
import { inParallel } from './in-parallel.js';
import { expectRestored } from './restoring-cookies.js';
import { serialQueue } from './serial-queue.js';

const INDEX_KEY = 'removedCookies';
const pageKey = (id, n) => `removedCookies:${id}:${n}`;
const PAGE_SIZE = 250;
// storage.session holds 10 MB for everything (the settings mirror and the logs too): the kept
// removals together stay under 4 MiB of JSON, the oldest dropped first. A sweep of 5,000 cookies
// takes about 1 MiB.
export const MAX_KEPT_CHARS = 4 << 20;
// cookies.set calls in flight at once while restoring.
const RESTORE_LANES = 100;

// Every field cookies.set accepts, from what cookies.getAll listed.
function settable(c) {
  const details = { ...cookieAddress(c), value: c.value, path: c.path, secure: c.secure, httpOnly: c.httpOnly };
  if (!c.hostOnly) details.domain = c.domain;
  if (c.sameSite && c.sameSite !== 'unspecified') details.sameSite = c.sameSite;
  if (!c.session && c.expirationDate !== undefined) details.expirationDate = c.expirationDate;
  return details;
}

function pagesOf(cookies) {
  const pages = [];
  for (let i = 0; i < cookies.length; i += PAGE_SIZE) pages.push(cookies.slice(i, i + PAGE_SIZE).map(settable));
  return pages;
}

const readIndex = async () => (await sessionRead(INDEX_KEY)) ?? [];
const totalChars = (index) => index.reduce((sum, e) => sum + e.chars, 0);

async function dropPages(entries) {
  const keys = entries.flatMap((e) => Array.from({ length: e.pages }, (_, n) => pageKey(e.id, n)));
  if (keys.length) await sessionRemove(keys);
}

// Every read-modify-write of the index runs after the previous one: two removals kept at once
// (a sweep while the popup deletes a site) must both be kept.
const serialised = serialQueue();

// The pages first, then the index that names them: a failed page write leaves no entry behind.
async function writeEntry(entry, pages) {
  for (let n = 0; n < pages.length; n++) {
    if (!(await sessionWrite(pageKey(entry.id, n), pages[n]))) {
      await dropPages([{ ...entry, pages: n }]);
      return false;
    }
  }
  return true;
}

// Keeps cookies about to be removed. `what`: {kind: 'site', site} or {kind: 'sweep'}; a site's
// newer deletion replaces what was kept of its last one. Resolves to {id} (the undo id), or
// {id: null, error} when they could not be kept (too many, or storage refused): the caller says so.
export function keepDeletedCookies(what, cookies) {
  return serialised(async () => {
    const pages = pagesOf(cookies);
    const entry = { id: crypto.randomUUID(), kind: what.kind, site: what.site ?? null, at: Date.now(), count: cookies.length,
      pages: pages.length, chars: pages.reduce((sum, p) => sum + JSON.stringify(p).length, 0) };
    if (entry.chars > MAX_KEPT_CHARS) return { id: null, error: `too many cookies to keep for Undo (${cookies.length})` };
    const index = await readIndex();
    const replaced = index.filter((e) => what.kind === 'site' && e.kind === 'site' && e.site === what.site);
    const kept = index.filter((e) => !replaced.includes(e));
    const dropped = [...replaced];
    while (kept.length && totalChars(kept) + entry.chars > MAX_KEPT_CHARS) dropped.push(kept.shift());
    if (!(await writeEntry(entry, pages)) || !(await sessionWrite(INDEX_KEY, [...kept, entry]))) {
      await dropPages([entry]);
      return { id: null, error: 'the browser refused to keep them (session storage full?)' };
    }
    await dropPages(dropped);
    return { id: entry.id };
  });
}

// The last deletion of `site` that can still be undone: {id, at, count}, or null.
export async function lastDeletionOf(site) {
  const entry = (await readIndex()).findLast((e) => e.kind === 'site' && e.site === site && e.count > 0);
  return entry ? { id: entry.id, at: entry.at, count: entry.count } : null;
}

async function restoreOne(details) {
  const release = expectRestored(details);
  try {
    if (await chrome.cookies.set(details)) return true;
  } catch (e) {
    console.warn('cookie restore failed', details.name, details.url, e);
  }
  release();
  return false;
}

// Sets the cookies kept under `id` back: {kept, restored, expired, failed}; `kept` 0 when nothing
// is kept under that id (undone already, dropped for room, or the browser was restarted). A cookie
// that has expired since is not set (setting it would only remove it again).
export function restoreDeletedCookies(id) {
  return serialised(async () => {
    const index = await readIndex();
    const entry = index.find((e) => e.id === id);
    const outcome = { kept: entry?.count ?? 0, restored: 0, expired: 0, failed: 0 };
    if (!entry) return outcome;
    const now = Date.now() / 1000;
    for (let n = 0; n < entry.pages; n++) {
      const page = (await sessionRead(pageKey(id, n))) ?? [];
      const live = page.filter((d) => d.expirationDate === undefined || d.expirationDate > now);
      outcome.expired += page.length - live.length;
      const set = await inParallel(live, RESTORE_LANES, restoreOne);
      outcome.restored += set.filter(Boolean).length;
    }
    outcome.failed = outcome.kept - outcome.restored - outcome.expired;
    await sessionWrite(INDEX_KEY, index.filter((e) => e !== entry));
    await dropPages([entry]);
    return outcome;
  });
}
