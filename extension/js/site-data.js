// "Delete site data" for this browser: cookies (every host of the site), localStorage, IndexedDB,
// Cache Storage and service workers of the site's origins. Chromium filters by origins, Firefox by
// host names (and has no cacheStorage type); see shared/notes/extension-platform.md.
import { isFirefox } from './ext.js';

function originsOf(site, hosts) {
  const all = new Set([site, `www.${site}`, ...hosts]);
  return [...all].flatMap((h) => [`https://${h}`, `http://${h}`]);
}

async function removeCookiesOfSite(site) {
  const cookies = await chrome.cookies.getAll({ domain: site });
  let removed = 0;
  for (const c of cookies) {
    const host = c.domain.replace(/^\./, '');
    const details = { url: `${c.secure ? 'https' : 'http'}://${host}${c.path}`, name: c.name, storeId: c.storeId };
    if (c.partitionKey) details.partitionKey = c.partitionKey;
    if (await chrome.cookies.remove(details).catch(() => null)) removed += 1;
  }
  return { found: cookies.length, removed };
}

// hosts: the host names seen for the site in the current tab. Reports what was done, never claims
// more: cookies are counted one by one; storage types are reported as requested.
export async function deleteSiteData(site, hosts = []) {
  if (!site) throw new Error('no site to delete');
  const started = performance.now();
  const cookies = await removeCookiesOfSite(site);
  const types = isFirefox
    ? { localStorage: true, indexedDB: true, serviceWorkers: true }
    : { localStorage: true, indexedDB: true, cacheStorage: true, serviceWorkers: true };
  const filter = isFirefox ? { hostnames: [...new Set([site, `www.${site}`, ...hosts])] } : { origins: originsOf(site, hosts) };
  let storage = { ok: true, types: Object.keys(types) };
  try {
    await chrome.browsingData.remove(filter, types);
  } catch (e) {
    storage = { ok: false, error: String(e?.message ?? e), types: Object.keys(types) };
  }
  const left = (await chrome.cookies.getAll({ domain: site })).length;
  return { site, cookies: { ...cookies, left }, storage, ms: Math.round(performance.now() - started) };
}
