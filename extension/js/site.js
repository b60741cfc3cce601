// "Site" = registrable domain (eTLD+1) by the engine's public suffix list, private section included.
// The WASM API has no siteOf() yet, so the site is found by asking the engine which suffix of the
// host is first-party to it: the shortest suffix whose requests the engine does not call third-party.
// Results are cached; hosts without dots and IP literals are their own site.
import { currentEngine } from './engine.js';

const cache = new Map();
const IP_RE = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

function computeSite(host) {
  const engine = currentEngine();
  const labels = host.split('.');
  if (!engine || labels.length < 2 || IP_RE.test(host)) return host;
  for (let i = labels.length - 2; i >= 0; i--) {
    const candidate = labels.slice(i).join('.');
    try {
      const d = engine.decideRequest({ url: `https://${host}/`, topUrl: `https://${candidate}/`, type: 'other' });
      if (!d.thirdParty) return candidate;
    } catch {
      return host;
    }
  }
  return host;
}

export function siteOf(host) {
  const key = String(host ?? '').toLowerCase().replace(/^\.+|\.+$/g, '');
  if (!key) return '';
  let site = cache.get(key);
  if (site === undefined) {
    site = computeSite(key);
    if (cache.size > 5000) cache.clear();
    cache.set(key, site);
  }
  return site;
}

export function siteOfUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? siteOf(u.hostname) : '';
  } catch {
    return '';
  }
}
