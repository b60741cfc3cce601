// The backstop behind the cookie guard: every cookie that lands in the jar by any route (HTTP
// Set-Cookie, a frame the guard did not reach, other APIs) is decided by the engine, and removed
// when its category is refused on the cookie's site.
import { removeCookie } from './cookie-removal.js';
import { decideCookieSafely } from './engine.js';
import { takeRestored } from './restoring-cookies.js';
import { siteOf } from './site.js';

// The top-level site the cookie was written under: its partition's site when partitioned, else its own.
function topUrlOf(cookie, site) {
  const top = cookie.partitionKey?.topLevelSite;
  return top ? top.replace(/\/?$/, '/') : `https://${site}/`;
}

// Returns {decision, removed} for a cookie that was just written, or null when it stays.
export async function enforceCookie(cookie) {
  if (takeRestored(cookie)) return null;
  const site = siteOf(cookie.domain);
  const decision = decideCookieSafely({ name: cookie.name, domain: cookie.domain, topUrl: topUrlOf(cookie, site), source: 'http' });
  if (!decision || decision.action !== 'block') return null;
  return { site, decision, removed: await removeCookie(cookie) };
}
