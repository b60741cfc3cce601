// "Delete site data" in this browser: the site's cookies in every cookie store (Firefox containers
// and private windows included) and every partition, and the localStorage, IndexedDB, Cache Storage
// and service workers of its hosts. The site is always the one of a page the person has open
// (deletableSite), and everything is checked against it with the engine's Public Suffix List, so
// a site under a private suffix (a.carrd.co) never takes a neighbour's data (b.carrd.co), and a
// host that is itself a public suffix (carrd.co) holds only itself.
//
// Storage: Chromium filters by origins and Firefox by host names (and has no cacheStorage type);
// neither can list which hosts of a site hold storage, so the hosts are the ones Cookie Warden knows:
// the site and www., the hosts of the site's cookies, and the hosts seen in open tabs and their
// requests (hostsSeen). A subdomain none of those name keeps its storage; the preview says so.
import { overlay } from './browser-overlay.js';
import { removeCookie } from './cookie-removal.js';
import { everyStoredCookie } from './cookie-stores.js';
import { keepDeletedCookies } from './deleted-cookies.js';
import { siteInfo, siteOf, siteOfUrl } from './site.js';
import { hostsSeen } from './tab-report.js';

const STORAGE_TYPES = overlay.storageTypes;

// The site a page's URL lets the person delete: {site, suffixOnly} (suffixOnly: the host is itself
// a public suffix, so only its own data is included), or {refused: why, in words for the popup}.
export function deletableSite(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return { refused: 'This tab shows no page.' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { refused: `This is not a web site (${u.protocol} page): there is no site data to delete here.` };
  }
  const info = siteInfo(u.hostname);
  if (!info || !info.publicSuffix || !info.site.includes('.')) {
    return { refused: `${u.hostname} is not a site name (an IP address or a name without a dot): Cookie Warden deletes sites only.` };
  }
  return { site: info.site, suffixOnly: info.site === info.publicSuffix };
}

// The site's own cookies (any partition), and any cookie kept in the site's partition (written by
// a frame while the site was the top-level page).
function belongsToSite(cookie, site) {
  if (siteOf(cookie.domain) === site) return true;
  if (cookie.partitionKey?.topLevelSite && siteOfUrl(cookie.partitionKey.topLevelSite) === site) return true;
  return Boolean(cookie.firstPartyDomain) && siteOf(cookie.firstPartyDomain) === site;
}

async function cookiesOfSite(site) {
  return (await everyStoredCookie()).filter((c) => belongsToSite(c, site));
}

// The hosts whose storage is cleared: each one checked to be of the site.
async function storageHosts(site, cookies) {
  const tabs = await chrome.tabs.query({});
  const candidates = [site, `www.${site}`, ...cookies.map((c) => c.domain.replace(/^\./, '')), ...hostsSeen()];
  for (const tab of tabs) {
    try { candidates.push(new URL(tab.url).hostname); } catch { /* a tab without a URL */ }
  }
  return [...new Set(candidates.map((h) => h.toLowerCase()))].filter((h) => siteOf(h) === site).sort();
}

// store: null for the browser's default store, which the popup does not name.
const describe = (c) => ({ name: c.name, domain: c.domain, store: c.storeId === overlay.defaultCookieStore ? null : c.storeId,
  partition: c.partitionKey?.topLevelSite ?? null });

// What deleteSiteData would remove, for the popup to show before the person confirms.
export async function previewSiteData(site) {
  const cookies = await cookiesOfSite(site);
  return { site, cookies: cookies.map(describe), storage: { types: STORAGE_TYPES, hosts: await storageHosts(site, cookies) } };
}

// Reports what was done, never claims more: cookies are counted one by one, and what is left of
// the site's cookies afterwards is looked up again.
export async function deleteSiteData(site) {
  const started = performance.now();
  const cookies = await cookiesOfSite(site);
  const hosts = await storageHosts(site, cookies);
  // Kept before anything goes, so that Undo can set them back; a deletion that could not keep
  // them still deletes (the person asked for it) and says it cannot be undone.
  const kept = await keepDeletedCookies({ kind: 'site', site }, cookies);
  let removed = 0;
  for (const c of cookies) if (await removeCookie(c)) removed += 1;
  let storage = { ok: true, types: STORAGE_TYPES, hosts };
  try {
    await chrome.browsingData.remove(overlay.storageFilter(hosts), Object.fromEntries(STORAGE_TYPES.map((t) => [t, true])));
  } catch (e) {
    storage = { ...storage, ok: false, error: String(e?.message ?? e) };
  }
  const left = (await cookiesOfSite(site)).length;
  return { site, cookies: { found: cookies.length, removed, left, undoId: kept.id, keepError: kept.error ?? null }, storage, ms: Math.round(performance.now() - started) };
}
