// Removing one cookie the cookies API listed, in whichever store and partition holds it: the same
// details for the backstop, the sweep and "Delete site data", and its Undo sets them back at the
// same address (deleted-cookies.js).
import { overlay } from './browser-overlay.js';

function cookieUrl(cookie) {
  const host = cookie.domain.replace(/^\./, '');
  return `${cookie.secure ? 'https' : 'http'}://${host}${cookie.path || '/'}`;
}

// Where the cookies API finds one cookie: cookies.remove takes these, cookies.set these and the
// cookie's other fields.
export function cookieAddress(cookie) {
  const details = { url: cookieUrl(cookie), name: cookie.name, storeId: cookie.storeId };
  if (cookie.partitionKey) details.partitionKey = cookie.partitionKey;
  if (cookie.firstPartyDomain) details.firstPartyDomain = cookie.firstPartyDomain;
  return details;
}

// Every field cookies.set accepts, from what cookies.getAll listed: the same cookie written again.
export function settable(c) {
  const details = { ...cookieAddress(c), value: c.value, path: c.path, secure: c.secure, httpOnly: c.httpOnly };
  if (!c.hostOnly) details.domain = c.domain;
  if (c.sameSite && c.sameSite !== 'unspecified') details.sameSite = c.sameSite;
  if (!c.session && c.expirationDate !== undefined) details.expirationDate = c.expirationDate;
  return details;
}

// Chromium's cookies.remove looks the cookie up by URL and name over the whole jar (about 15 ms a
// call with 5,000 stored: minutes for a sweep). Writing the same cookie (name, host-only or domain,
// path, partition) already expired replaces exactly that one through the jar's per-domain index,
// and an expired cookie is not stored. cookies.set then answers with whatever cookie of that name
// the URL still sees (another one, or null): only an error means it was not removed.
async function expire(cookie) {
  await chrome.cookies.set({ ...settable(cookie), value: '', expirationDate: 1 });
  return true;
}

// True once the browser has removed it; false when it refused (the reason goes to the console).
// Where an expired write is refused (a secure cookie of that name shadowing an insecure one, a
// SameSite=None cookie without Secure), cookies.remove does it.
export async function removeCookie(cookie) {
  try {
    if (overlay.removesByExpiring) {
      try {
        return await expire(cookie);
      } catch {
        // falls back to cookies.remove below
      }
    }
    return Boolean(await chrome.cookies.remove(cookieAddress(cookie)));
  } catch (e) {
    console.warn('cookie removal failed', cookie.name, cookie.domain, e);
    return false;
  }
}
