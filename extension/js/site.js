// "Site" = the registrable domain (eTLD+1) by the engine's Public Suffix List, private section
// included, or the host itself when it has none (an IP literal, localhost, a host that is itself a
// public suffix such as carrd.co): the engine's own siteOf (wasm/README.md). Results are cached.
import { currentEngine } from './engine.js';

const cache = new Map();

// {site, publicSuffix} of a host or cookie domain (".example.com"); null before the engine has
// loaded and for a string that is not a host name.
export function siteInfo(host) {
  const key = String(host ?? '').toLowerCase();
  const engine = currentEngine();
  if (!key || !engine) return null;
  let info = cache.get(key);
  if (info === undefined) {
    try {
      info = engine.siteOf(key);
    } catch {
      info = null;
    }
    if (cache.size > 5000) cache.clear();
    cache.set(key, info);
  }
  return info;
}

export function siteOf(host) {
  return siteInfo(host)?.site ?? '';
}

export function siteOfUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? siteOf(u.hostname) : '';
  } catch {
    return '';
  }
}
