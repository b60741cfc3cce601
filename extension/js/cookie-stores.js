// Every cookie this browser holds, as the cookies API lists it: every cookie store (Firefox
// containers, and the private store while a private window is open and the extension is allowed
// there) and every partition (CHIPS, Firefox's Total Cookie Protection and first-party isolation).
// "Delete site data" and the sweep both start from here.
import { overlay } from './browser-overlay.js';

// Firefox lists only the containers that have a tab open; contextualIdentities names them all.
async function cookieStoreIds() {
  const ids = new Set((await chrome.cookies.getAllCookieStores()).map((s) => s.id));
  const containers = (await chrome.contextualIdentities?.query({}).catch(() => [])) ?? [];
  for (const c of containers) ids.add(c.cookieStoreId);
  return [...ids];
}

// Every partition of a store, as the browser's overlay asks for them.
function everyCookieOf(storeId) {
  return chrome.cookies.getAll(overlay.cookieQuery(storeId));
}

export async function everyStoredCookie() {
  const stores = await Promise.all((await cookieStoreIds()).map(everyCookieOf));
  return stores.flat();
}
