// The cookies a profile holds on disk, read straight from the browser's SQLite store, in one shape
// for both families: {host, partition, name}. `partition` is the top-level site of a partitioned
// cookie (Chromium top_frame_site_key "https://example.test", Firefox originAttributes
// "^partitionKey=%28https%2Cexample.test%29"), else ''.
import { sqliteRows } from './sqlite_probe.mjs';

function chromiumPartition(topFrameSiteKey) {
  return topFrameSiteKey.replace(/^[a-z]+:\/\//, '');
}

function firefoxPartition(originAttributes) {
  const match = originAttributes.match(/partitionKey=([^&]*)/);
  if (!match) return '';
  // "(https,example.test)" or "(https,example.test,8443)"
  return decodeURIComponent(match[1]).replace(/^\(|\)$/g, '').split(',')[1] ?? '';
}

const byKey = (a, b) => `${a.host}\t${a.partition}\t${a.name}`.localeCompare(`${b.host}\t${b.partition}\t${b.name}`);

// Sorted, so two readings of the same rows compare equal.
export function readCookieRows(profile, { readonly = false } = {}) {
  const rows = profile.family === 'chromium'
    ? sqliteRows(profile.cookieDb, 'SELECT host_key, top_frame_site_key, name FROM cookies', { readonly })
      .map(([host, key, name]) => ({ host, partition: chromiumPartition(key ?? ''), name }))
    : sqliteRows(profile.cookieDb, 'SELECT host, originAttributes, name FROM moz_cookies', { readonly })
      .map(([host, attributes, name]) => ({ host, partition: firefoxPartition(attributes ?? ''), name }));
  return rows.sort(byKey);
}

// Does a cookie belong to `site` (its own, or partitioned under it)?
export function cookieOfSite(row, site) {
  const host = row.host.replace(/^\./, '');
  return host === site || host.endsWith(`.${site}`) || row.partition === site;
}

// Every column of every cookie row, quote()d (blobs as X'…'), sorted: equal only when byte-equal.
export function exactCookieRows(profile) {
  const table = profile.family === 'chromium' ? 'cookies' : 'moz_cookies';
  const columns = sqliteRows(profile.cookieDb, `SELECT name FROM pragma_table_info('${table}')`)
    .map(([name]) => name)
    .filter((name) => name !== 'id');  // Firefox's row id is not the cookie's; undo may renumber
  const rows = sqliteRows(profile.cookieDb, `SELECT ${columns.map((c) => `quote(${c})`).join(` || '|' || `)} FROM ${table}`);
  return rows.map(([row]) => row).sort();
}
