// Removing one cookie the cookies API listed, in whichever store and partition holds it: the same
// details for the backstop, "Delete site data" and the sweep (and Undo sets them back at the same URL).
import { isFirefox } from './ext.js';

export function cookieUrl(cookie) {
  const host = cookie.domain.replace(/^\./, '');
  return `${cookie.secure ? 'https' : 'http'}://${host}${cookie.path || '/'}`;
}

// Every field cookies.set accepts, from what cookies.getAll listed: the same cookie written again.
export function settable(c) {
  const details = { url: cookieUrl(c), name: c.name, value: c.value, path: c.path, secure: c.secure, httpOnly: c.httpOnly, storeId: c.storeId };
  if (!c.hostOnly) details.domain = c.domain;
  if (c.sameSite && c.sameSite !== 'unspecified') details.sameSite = c.sameSite;
  if (!c.session && c.expirationDate !== undefined) details.expirationDate = c.expirationDate;
  if (c.partitionKey) details.partitionKey = c.partitionKey;
  if (c.firstPartyDomain) details.firstPartyDomain = c.firstPartyDomain;
  return details;
}

async function removeByName(cookie) {
  const details = { url: cookieUrl(cookie), name: cookie.name, storeId: cookie.storeId };
  if (cookie.partitionKey) details.partitionKey = cookie.partitionKey;
  if (cookie.firstPartyDomain) details.firstPartyDomain = cookie.firstPartyDomain;
  return Boolean(await chrome.cookies.remove(details));
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
    if (!isFirefox) {
      try {
        return await expire(cookie);
      } catch {
        // falls back to cookies.remove below
      }
    }
    return await removeByName(cookie);
  } catch (e) {
    console.warn('cookie removal failed', cookie.name, cookie.domain, e);
    return false;
  }
}
