// The backstop behind the cookie guard: every cookie that lands in the jar by any route (HTTP
// Set-Cookie, a frame the guard did not reach, other APIs) is decided by the engine, and removed
// when its category is refused on the cookie's site.
import { decideCookieSafely } from './engine.js';
import { siteOf } from './site.js';

function cookieUrl(cookie) {
  const host = cookie.domain.replace(/^\./, '');
  return `${cookie.secure ? 'https' : 'http'}://${host}${cookie.path || '/'}`;
}

// The top-level site the cookie was written under: its partition's site when partitioned, else its own.
function topUrlOf(cookie, site) {
  const top = cookie.partitionKey?.topLevelSite;
  return top ? top.replace(/\/?$/, '/') : `https://${site}/`;
}

// Returns {decision, removed} for a cookie that was just written, or null when it stays.
export async function enforceCookie(cookie) {
  const site = siteOf(cookie.domain);
  const decision = decideCookieSafely({ name: cookie.name, domain: cookie.domain, topUrl: topUrlOf(cookie, site), source: 'http' });
  if (!decision || decision.action !== 'block') return null;
  const details = { url: cookieUrl(cookie), name: cookie.name, storeId: cookie.storeId };
  if (cookie.partitionKey) details.partitionKey = cookie.partitionKey;
  if (cookie.firstPartyDomain) details.firstPartyDomain = cookie.firstPartyDomain;
  let removed = false;
  try {
    removed = Boolean(await chrome.cookies.remove(details));
  } catch (e) {
    console.warn('cookie removal failed', cookie.name, e);
  }
  return { site, decision, removed };
}
