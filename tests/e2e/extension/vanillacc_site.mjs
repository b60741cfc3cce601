// A shop running vanilla-cookieconsent 3.1.0 (MIT) from node_modules, configured as real sites do:
// four categories (necessary read-only and always on; functional, analytics and marketing off until
// the person allows them), a consent modal with "Accept all", "Reject all" and "Manage preferences",
// and a preferences modal with one switch per category. The library hides itself from automated
// browsers by default (hideFromBots checks navigator.webdriver); the site turns that off, as the
// library's options allow. Every host name reaches this HTTPS server (the browsers map them all to
// it); only www.vanillacc-shop.example has the page. The CMP's record is its `cc_cookie` cookie and
// CookieConsent.getUserPreferences(), exposed to tests as window.CookieConsent. The page counts the
// clicks that reach an "Accept all" in window.acceptClicks.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { makeCertificate } from '../../../demo/site/server.mjs';

export const VANILLACC_HOST = 'www.vanillacc-shop.example';
export const VANILLACC_CATEGORIES = ['necessary', 'functional', 'analytics', 'marketing'];

const DIST = fileURLToPath(new URL('../../../node_modules/vanilla-cookieconsent/dist/', import.meta.url));
const FILES = {
  '/cookieconsent.esm.js': ['text/javascript', 'cookieconsent.esm.js'],
  '/cookieconsent.css': ['text/css', 'cookieconsent.css'],
};

const section = (category, title) =>
  `{title: '${title}', description: 'What ${category} cookies do here.', linkedCategory: '${category}'}`;

const page = `<!doctype html><html><head><meta charset="utf-8"><title>Vanilla Shop</title>
<link rel="stylesheet" href="/cookieconsent.css">
<script>
window.acceptClicks = 0;
document.addEventListener('click', (event) => { if (event.target.closest?.('#cc-main [data-role=all]')) window.acceptClicks += 1; }, true);
</script>
<script type="module">
import * as CookieConsent from '/cookieconsent.esm.js';
window.CookieConsent = CookieConsent;
CookieConsent.run({
  hideFromBots: false,
  categories: {
    necessary: { enabled: true, readOnly: true },
    functional: {},
    analytics: {},
    marketing: {},
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We use cookies',
          description: 'Some are needed for the shop to work; the others only if you agree.',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Manage preferences',
        },
        preferencesModal: {
          title: 'Cookie preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save preferences',
          closeIconLabel: 'Close',
          sections: [
            ${section('necessary', 'Strictly necessary')},
            ${section('functional', 'Functionality')},
            ${section('analytics', 'Analytics')},
            ${section('marketing', 'Marketing')},
          ],
        },
      },
    },
  },
  onConsent: () => { document.body.dataset.answered = 'yes'; },
});
</script>
</head><body><h1>Vanilla Shop</h1><p>Things to buy.</p></body></html>`;

function send(res, type, body) {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export async function startVanillaccSite() {
  const server = createServer(makeCertificate(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = new URL(req.url, `https://${host}`).pathname;
    if (path === '/' && host === VANILLACC_HOST) return send(res, 'text/html; charset=utf-8', page);
    const file = FILES[path];
    if (file) return send(res, file[0], readFileSync(DIST + file[1]));
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
