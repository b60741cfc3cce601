// Every cookie this browser holds, as the cookies API lists it: every cookie store (Firefox
// containers, and the private store while a private window is open and the extension is allowed
// there) and every partition (CHIPS, Firefox's Total Cookie Protection and first-party isolation).
// "Delete site data" (in the background) and the sweep (in the page that asks for it) both start
// from here.
import { overlay } from './browser-overlay.js';

// The stores the browser lists, and those the overlay knows it leaves out (Firefox's containers
// without an open tab).
async function cookieStoreIds() {
  const [listed, extra] = await Promise.all([chrome.cookies.getAllCookieStores(), overlay.extraCookieStoreIds()]);
  return [...new Set([...listed.map((s) => s.id), ...extra])];
}

// A store is read in four answers, secure × session, that together list each of its cookies once:
// the thread that reads turns an answer into objects in one task (about 40 µs a cookie on a loaded
// machine), so one answer of 5,000 cookies would hold the service worker's event handling up for 200 ms.
const QUARTERS = [true, false].flatMap((secure) => [true, false].map((session) => ({ secure, session })));

async function everyCookieOf(storeId) {
  const quarters = [];
  for (const q of QUARTERS) quarters.push(await chrome.cookies.getAll({ ...overlay.cookieQuery(storeId), ...q }));
  return quarters.flat();
}

export async function everyStoredCookie() {
  const stores = [];
  for (const storeId of await cookieStoreIds()) stores.push(await everyCookieOf(storeId));
  return stores.flat();
}
