// Two sites whose cookie banners are real consent managers from node_modules, configured as real
// sites configure them, for the banner-answering tests. Every host name reaches this HTTPS server
// (the browsers map them all to it).
// - www.klaro-shop.example runs klaro 0.7.22 (dist/klaro.js) with a Matomo service for analytics and a
//   Google Ads service for marketing, kept in its "klaro" cookie, "accept all" offered.
// - www.osano-blog.example runs Osano's cookieconsent 3.1.1 (build/) as its snippet does, type
//   "opt-in" (Decline / Allow cookies), kept in its "cookieconsent_status" cookie.
// Each page counts the clicks that reach its accept-everything controls in window.acceptClicks
// (a capturing listener of the page's own), so a test sees whether anything accepting was pressed.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { makeCertificate } from '../../../demo/site/server.mjs';

export const KLARO_HOST = 'www.klaro-shop.example';
export const KLARO_SITE = 'klaro-shop.example';
export const OSANO_HOST = 'www.osano-blog.example';
export const OSANO_SITE = 'osano-blog.example';

const modules = (path) => fileURLToPath(new URL(`../../../node_modules/${path}`, import.meta.url));
const FILES = {
  '/klaro/klaro.js': ['text/javascript', modules('klaro/dist/klaro.js')],
  '/osano/cookieconsent.min.js': ['text/javascript', modules('cookieconsent/build/cookieconsent.min.js')],
  '/osano/cookieconsent.min.css': ['text/css', modules('cookieconsent/build/cookieconsent.min.css')],
};

const counter = (selector) => `<script>
window.acceptClicks = 0;
document.addEventListener('click', (event) => {
  if (event.target.closest && event.target.closest(${JSON.stringify(selector)})) window.acceptClicks += 1;
}, true);
</script>`;

const klaroPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Klaro Shop</title>
${counter('#klaro .cn-buttons .cm-btn-success, #klaro .cm-btn-accept-all')}
<script>
window.klaroConfig = {
  version: 1, elementID: 'klaro', lang: 'en', storageMethod: 'cookie', storageName: 'klaro', cookieExpiresAfterDays: 120,
  default: false, mustConsent: false, acceptAll: true, hideDeclineAll: false, hideLearnMore: false,
  services: [
    { name: 'matomo', title: 'Matomo', purposes: ['analytics'], cookies: [/^_pk_.*$/] },
    { name: 'google-ads', title: 'Google Ads', purposes: ['marketing'], cookies: ['_gcl_au'] },
  ],
};
</script>
<script defer src="/klaro/klaro.js"></script>
</head><body><h1>Klaro Shop</h1><p>Handmade things, shipped worldwide.</p></body></html>`;

const osanoPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Osano Blog</title>
${counter('.cc-window .cc-allow')}
<link rel="stylesheet" href="/osano/cookieconsent.min.css">
<script src="/osano/cookieconsent.min.js"></script>
<script>
window.addEventListener('load', () => {
  window.cookieconsent.initialise({
    type: 'opt-in', location: false, revokable: true, position: 'bottom',
    palette: { popup: { background: '#252e39' }, button: { background: '#14a7d0' } },
    content: { message: 'This blog uses cookies to measure visits and show ads.', deny: 'Decline', allow: 'Allow cookies' },
  });
});
</script>
</head><body><h1>Osano Blog</h1><p>Notes on gardening.</p></body></html>`;

function send(res, type, body) {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export async function startBannerSites() {
  const server = createServer(makeCertificate(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = new URL(req.url, `https://${host}`).pathname;
    if (path === '/' && host === KLARO_HOST) return send(res, 'text/html; charset=utf-8', klaroPage);
    if (path === '/' && host === OSANO_HOST) return send(res, 'text/html; charset=utf-8', osanoPage);
    const file = FILES[path];
    if (file) return send(res, file[0], readFileSync(file[1]));
    return send(res, 'text/plain', '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// The consent managers' own records, read from their cookies in the page (not Cookie Warden's state).
// Klaro: {service: true|false}; Osano: 'allow' | 'deny' | 'dismiss'; null when none is stored.
export const KLARO_CONSENT = `(() => {
  const found = document.cookie.split('; ').find((c) => c.startsWith('klaro='));
  return found ? JSON.parse(decodeURIComponent(found.slice('klaro='.length))) : null;
})()`;
export const OSANO_CONSENT = `(() => {
  const found = document.cookie.split('; ').find((c) => c.startsWith('cookieconsent_status='));
  return found ? found.slice('cookieconsent_status='.length) : null;
})()`;
