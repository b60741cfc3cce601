// The demo sites: www.shop.example (every seed vendor's tag), www.news.example (a second site with
// the same analytics tag) and the vendors' own hosts, all served over HTTPS from one port. Browsers
// reach it by mapping every host name to 127.0.0.1:<port> (Chromium --host-resolver-rules); HTTPS
// because several vendor hosts are HSTS-preloaded, so http:// URLs would be upgraded anyway.
//
// Every request is logged ({host, path, referer, cookie}): tests read the log to know which tags
// reached the "vendor". Usage: node demo/site/server.mjs [--port 8443]   (prints the port, Ctrl-C stops)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BEACONS, TAGS } from './tags.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const read = (...parts) => readFileSync(join(here, ...parts));

export const SHOP_HOST = 'www.shop.example';
export const NEWS_HOST = 'www.news.example';

// A throwaway self-signed certificate: browsers are started with --ignore-certificate-errors.
export function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'cw-demo-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=shop.example',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const tagByHostPath = new Map(TAGS.map((t) => { const u = new URL(t.url); return [u.host + u.pathname, t]; }));
const beaconByHostPath = new Map(BEACONS.map((b) => [b.host + b.path, b]));

function sessionFrom(cookieHeader = '') {
  const m = /(?:^|;\s*)shop_session=([^;]+)/.exec(cookieHeader);
  return m ? m[1] : null;
}

// The shop's page sets its session and Cloudflare's bot-management cookie, both strictly necessary.
function shopRoute(path, req, res) {
  switch (path) {
    case '/':
    case '/cart':
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': [
          `shop_session=${sessionFrom(req.headers.cookie) ?? 's-' + Math.random().toString(36).slice(2, 10)}; Path=/; HttpOnly; Secure; SameSite=Lax`,
          `__cf_bm=demo-bot-score; Path=/; Domain=shop.example; HttpOnly; Secure; SameSite=None; Max-Age=1800`,
        ],
      });
      return res.end(read('pages', 'shop.html'));
    case '/assets/app.js':
    case '/assets/self-hosted-tracking.js':
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(read('pages', path.slice('/assets/'.length)));
    case '/assets/shop.css':
      res.writeHead(200, { 'content-type': 'text/css' });
      return res.end(read('pages', 'shop.css'));
    case '/api/session':
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ session: sessionFrom(req.headers.cookie) }));
    case '/collect':
      // Server-side tagging: the Google Ads conversion linker cookie, first-party, by Set-Cookie.
      res.writeHead(204, { 'set-cookie': `_gcl_au=1.1.${Date.now()}; Path=/; Domain=shop.example; Secure; Max-Age=7776000` });
      return res.end();
    default:
      res.writeHead(404);
      return res.end();
  }
}

function newsRoute(path, res) {
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(read('pages', 'news.html'));
  }
  if (path === '/assets/shop.css') {
    res.writeHead(200, { 'content-type': 'text/css' });
    return res.end(read('pages', 'shop.css'));
  }
  res.writeHead(404);
  return res.end();
}

function vendorRoute(host, path, res) {
  const tag = tagByHostPath.get(host + path);
  if (tag) {
    res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
    return res.end(read('tags', tag.file));
  }
  if (beaconByHostPath.has(host + path)) {
    res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
    return res.end(PIXEL);
  }
  res.writeHead(404);
  return res.end();
}

export async function startDemoServer({ port = 0 } = {}) {
  const log = [];
  const server = createServer(makeCertificate(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url, `https://${host}`);
    log.push({ at: Date.now(), method: req.method, host, path: url.pathname, url: url.href,
      referer: req.headers.referer ?? null, cookie: req.headers.cookie ?? null });
    if (host === SHOP_HOST) return shopRoute(url.pathname, req, res);
    if (host === NEWS_HOST) return newsRoute(url.pathname, res);
    return vendorRoute(host, url.pathname, res);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    log,
    // Requests that reached a host (and its subdomains) since `since` (a Date.now() value).
    requestsTo: (hostSuffix, since = 0) => log.filter((e) => e.at >= since && (e.host === hostSuffix || e.host.endsWith('.' + hostSuffix))),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const demo = await startDemoServer({ port: i > 0 ? Number(process.argv[i + 1]) : 8443 });
  console.log(`demo sites on https://127.0.0.1:${demo.port} — start Chromium with ` +
    `--host-resolver-rules="MAP * 127.0.0.1:${demo.port}, EXCLUDE localhost" --ignore-certificate-errors, ` +
    `then open https://${SHOP_HOST}/`);
  setInterval(() => {
    while (demo.log.length) { const e = demo.log.shift(); console.log(`${e.method} ${e.host}${e.path}`); }
  }, 500);
}
