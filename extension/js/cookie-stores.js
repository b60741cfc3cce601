// Every cookie this browser holds, as the cookies API lists it: every cookie store (Firefox
// containers, and the private store while a private window is open and the extension is allowed
// there) and every partition (CHIPS, Firefox's Total Cookie Protection and first-party isolation).
// "Delete site data" and the sweep both start from here.
import { overlay } from './browser-overlay.js';

// The stores the browser lists, and those the overlay knows it leaves out (Firefox's containers
// without an open tab).
async function cookieStoreIds() {
  const [listed, extra] = await Promise.all([chrome.cookies.getAllCookieStores(), overlay.extraCookieStoreIds()]);
  return [...new Set([...listed.map((s) => s.id), ...extra])];
}

// Every partition of a store, as the browser's overlay asks for them.
function everyCookieOf(storeId) {
  return chrome.cookies.getAll(overlay.cookieQuery(storeId));
}

export async function everyStoredCookie() {
  const stores = await Promise.all((await cookieStoreIds()).map(everyCookieOf));
  return stores.flat();
}
