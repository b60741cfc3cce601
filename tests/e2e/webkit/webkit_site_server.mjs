// A plain-HTTP test site for WebKitGTK browsers, which reach it as their HTTP proxy
// (http_proxy=http://127.0.0.1:PORT): every host name lands here and is answered by its Host.
// Plain HTTP because GNOME Web cannot be told to trust a self-signed certificate from the command
// line; cookies, localStorage and IndexedDB need no secure context.
//
// Pages (each first-party page embeds the tracker, so the tracker stores data partitioned under
// that top-level site):
//   /write   Set-Cookie, a script cookie, a localStorage key and an IndexedDB record
//   /report  stores nothing: reads what the frame sees (cookie names, localStorage keys, IndexedDB
//            names) and POSTs it to /seen, which the test reads as reports[phase][top][host].
//   /worker  on localhost and 127.0.0.1 only (secure contexts without TLS): registers a service
//            worker and puts a response in CacheStorage, then reports the registrations' scopes and
//            the cache names; /workers reports them without writing.
import http from 'node:http';
import { FIRST_PARTY_HOSTS, TRACKER_HOST, labelOf } from '../lib/site_server.mjs';
import { MAX_AGE, hostOf, storeDataStatements } from '../lib/stored_data_script.mjs';

// The HTTPS site's hosts (lib/site_server.mjs), so both sites' data have the same names.
export const [DELETED_HOST, KEPT_HOST] = FIRST_PARTY_HOSTS;
export { TRACKER_HOST };
// Opened directly (GNOME Web does not proxy loopback names), on the server's port.
export const WORKER_HOSTS = ['localhost', '127.0.0.1'];
const WORKER_LABELS = { localhost: 'local', '127.0.0.1': 'loop' };
const labelOfHost = (host) => labelOf(host) ?? WORKER_LABELS[host];

function workerPage(host, phase) {
  const work = phase === 'worker'
    ? `await navigator.serviceWorker.register('/sw.js');
      const cache = await caches.open('cache_${labelOfHost(host)}');
      await cache.put('/cached', new Response('v'));`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${phase} ${host}</title></head><body><script>
  (async () => {
    let state;
    try {
      ${work}
      const workers = (await navigator.serviceWorker.getRegistrations()).map((r) => new URL(r.scope).pathname).sort();
      state = { serviceWorkers: workers, caches: (await caches.keys()).sort() };
    } catch (error) {
      state = { error: String(error) };
    }
    await fetch('/seen', { method: 'POST', body: JSON.stringify({ phase: '${phase}', top: '${host}', host: '${host}', state }) });
  })();
</script></body></html>`;
}

const READ_STATE = `
    const localStorageKeys = Object.keys(localStorage).sort();
    const indexedDBNames = (await indexedDB.databases()).map((d) => d.name).sort();
    const cookies = document.cookie.split(';').map((c) => c.trim().split('=')[0]).filter(Boolean).sort();`;

// The top-level page's host travels in the query, so the tracker's report says whose partition it saw.
function page(host, phase, top, trackerUrl) {
  const work = phase === 'write' ? storeDataStatements(labelOf(host)) : '';
  const frame = trackerUrl ? `<iframe src="${trackerUrl}?top=${host}"></iframe>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${phase} ${host}</title></head><body>
<h1>${phase} ${host}</h1>${frame}
<script>
  (async () => {
    let state;
    try {
      ${work}
      ${READ_STATE}
      state = { cookies, localStorage: localStorageKeys, indexedDB: indexedDBNames };
    } catch (error) {
      state = { error: String(error) };
    }
    await fetch('/seen', { method: 'POST', body: JSON.stringify({ phase: '${phase}', top: '${top}', host: '${host}', state }) });
  })();
</script></body></html>`;
}

function setCookies(host) {
  return [`srv_${labelOf(host)}=1; Path=/; Max-Age=${MAX_AGE}`];
}

export async function startWebKitSiteServer() {
  const reports = {};  // reports[phase][top][host] = state
  const requests = [];
  const server = http.createServer((req, res) => {
    const host = hostOf(req);
    const local = WORKER_HOSTS.includes(host);
    const url = new URL(req.url, `http://${host}`);
    requests.push(`${req.method} ${host}${url.pathname}`);
    const phase = url.pathname.slice(1);
    if (!labelOfHost(host)) {
      res.writeHead(404).end('unknown host');
    } else if (url.pathname === '/seen' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        const report = JSON.parse(body);
        ((reports[report.phase] ??= {})[report.top] ??= {})[report.host] = report.state;
        res.writeHead(204).end();
      });
    } else if (local && url.pathname === '/sw.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end("self.addEventListener('fetch', () => {});");
    } else if (local && (phase === 'worker' || phase === 'workers')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(workerPage(host, phase));
    } else if (!local && (phase === 'write' || phase === 'report')) {
      const thirdParty = host === TRACKER_HOST;
      const top = thirdParty ? url.searchParams.get('top') : host;
      const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
      if (phase === 'write') headers['set-cookie'] = setCookies(host);
      res.writeHead(200, headers);
      res.end(page(host, phase, top, thirdParty ? null : `http://${TRACKER_HOST}/${phase}`));
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    reports,
    requests,
    url: (host, phase) => (WORKER_HOSTS.includes(host) ? `http://${host}:${server.address().port}/${phase}` : `http://${host}/${phase}`),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
