// A small HTTPS site for the Global Privacy Control tests, answering for every host name (the
// browsers map them all to it). It logs the Sec-GPC header of each request; its page records, in
// its first script, what navigator.globalPrivacyControl said before anything else ran, then makes
// a same-origin fetch. `/?frame=<url>` also embeds that page in an iframe.
import { createServer } from 'node:https';
import { makeCertificate } from '../../../demo/site/server.mjs';

const PAGE_PATHS = ['/', '/probe'];
const page = (frame) => `<!doctype html><html><head><meta charset="utf-8"><title>GPC probe</title>
<script>window.__gpcAtFirstScript = navigator.globalPrivacyControl;</script>
<script>window.__probe = fetch('/probe').then((r) => r.text());</script>
</head><body><p>GPC probe</p>${frame ? `<iframe src="${encodeURI(frame)}"></iframe>` : ''}</body></html>`;

export async function startGpcSite() {
  const log = [];
  const server = createServer(makeCertificate(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url, `https://${host}`);
    const path = url.pathname;
    log.push({ at: Date.now(), host, path, gpc: req.headers['sec-gpc'] ?? null });
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(page(url.searchParams.get('frame')));
    }
    if (path === '/probe') {
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      return res.end('ok');
    }
    res.writeHead(404);
    return res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    // The Sec-GPC value the page and its fetch of `host` arrived with since `since` ({'/': '1',
    // '/probe': null}); what the browser asks by itself (a favicon) is left out.
    headersSeen: (host, since) => Object.fromEntries(log.filter((e) => e.at >= since && e.host === host && PAGE_PATHS.includes(e.path))
      .map((e) => [e.path, e.gpc])),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// Loads the probe page and waits for its fetch; whether the page saw navigator.globalPrivacyControl
// === true: {atFirstScript, now} (a browser without GPC has no property, Firefox's own is false).
export async function visitProbe(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(async () => {
    await window.__probe;
    return { atFirstScript: window.__gpcAtFirstScript === true, now: navigator.globalPrivacyControl === true };
  });
}
