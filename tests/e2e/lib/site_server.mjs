// A local HTTPS test site answering for several host names on 127.0.0.1 (the browsers map the
// names here: Chromium with --host-resolver-rules, Firefox with network.dns.localDomains). HTTPS
// because cross-site and Partitioned (CHIPS) cookies must be Secure, and neither browser lets an
// http origin set those (Chromium ignores --unsafely-treat-insecure-origin-as-secure for cookies).
// The certificate is self-signed, made per run with openssl; the browsers are told to accept it.
//
// Every first-party page embeds a third-party iframe from TRACKER_HOST, so the tracker gets data
// partitioned under each top-level site. Two kinds of page:
//   /write  stores data: Set-Cookie (host-only, Domain=<site>, partitioned), a script cookie,
//           localStorage and an IndexedDB record; the iframe does the same for the tracker.
//   /show   stores nothing, so reading the state after a deletion cannot recreate it.
//   /session  stores what only the browser session keeps: a session cookie (no Max-Age) and a
//           sessionStorage key; the iframe does the same for the tracker.
// Pages signal completion with `window.__ready` (a promise) in every frame.
import https from 'node:https';

import { selfSignedCertificate } from './self_signed_certificate.mjs';
import { MAX_AGE, hostOf, storeDataStatements } from './stored_data_script.mjs';

export const FIRST_PARTY_HOSTS = ['www.example.test', 'news.keep.test'];
export const TRACKER_HOST = 'ads.tracker.test';
export const ALL_HOSTS = [...FIRST_PARTY_HOSTS, TRACKER_HOST];

const LABELS = { 'www.example.test': 'www', 'news.keep.test': 'news', 'ads.tracker.test': 'ads' };

// "www.example.test" → "example.test": the test names have no public suffix above the TLD.
export function siteOf(host) {
  return host.split('.').slice(-2).join('.');
}

export function labelOf(host) {
  return LABELS[host];
}

// The tracker's cookies are cross-site, so they need SameSite=None and therefore Secure.
function setCookieHeaders(host, { thirdParty }) {
  const label = labelOf(host);
  const site = siteOf(host);
  const common = `Path=/; Max-Age=${MAX_AGE}`;
  if (thirdParty) {
    return [
      `srv_${label}=1; ${common}; SameSite=None; Secure`,
      `chips_${label}=1; ${common}; SameSite=None; Secure; Partitioned`,
    ];
  }
  return [`srv_${label}=1; ${common}; SameSite=Lax`, `dom_${label}=1; ${common}; Domain=${site}; SameSite=Lax`];
}

// Runs in the page: writes the script cookie, localStorage and one IndexedDB record.
function writerScript(label) {
  return `
  window.__ready = (async () => {
    ${storeDataStatements(label)}
    return 'written';
  })();`;
}

// Runs in the page: a session cookie set by script and one sessionStorage key.
function sessionWriterScript(label) {
  return `
  document.cookie = 'jsess_${label}=1; path=/';
  sessionStorage.setItem('ss_${label}', 'v_${label}');
  window.__ready = Promise.resolve('written');`;
}

function page({ title, script, iframe }) {
  const frame = iframe
    ? `<iframe id="tp" src="${iframe}"></iframe>
<script>
  window.__frameLoaded = new Promise((resolve) => document.getElementById('tp').addEventListener('load', resolve));
</script>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<script>${script}</script></head><body><h1>${title}</h1>${frame}</body></html>`;
}

export async function startSiteServer() {
  const requests = [];  // {host, path, cookie}: what the browsers sent, for diagnostics
  const server = https.createServer(selfSignedCertificate(ALL_HOSTS), (req, res) => {
    const host = hostOf(req);
    const url = new URL(req.url, `https://${host}`);
    requests.push({ host, path: url.pathname, cookie: req.headers.cookie ?? '' });
    const label = labelOf(host);
    if (!label) {
      res.writeHead(404).end('unknown host');
      return;
    }
    const thirdParty = host === TRACKER_HOST;
    const port = server.address().port;
    const trackerUrl = (p) => `https://${TRACKER_HOST}:${port}${p}`;
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (url.pathname === '/write') {
      res.writeHead(200, { ...headers, 'set-cookie': setCookieHeaders(host, { thirdParty }) });
      res.end(page({ title: `write ${host}`, script: writerScript(label), iframe: thirdParty ? null : trackerUrl('/write') }));
    } else if (url.pathname === '/session') {
      const sameSite = thirdParty ? 'SameSite=None; Secure' : 'SameSite=Lax';
      res.writeHead(200, { ...headers, 'set-cookie': [`sess_${label}=1; Path=/; ${sameSite}`] });
      res.end(page({ title: `session ${host}`, script: sessionWriterScript(label), iframe: thirdParty ? null : trackerUrl('/session') }));
    } else if (url.pathname === '/show') {
      res.writeHead(200, headers);
      res.end(page({ title: `show ${host}`, script: 'window.__ready = Promise.resolve("shown");', iframe: thirdParty ? null : trackerUrl('/show') }));
    } else {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    port,
    requests,
    url: (host, p) => `https://${host}:${port}${p}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
