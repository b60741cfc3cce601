// Two local HTTPS shops (www.shop-a.test, www.shop-b.test on 127.0.0.1) that store what a real
// shop with Google Analytics, Google Ads and the Meta pixel stores, with no extension around:
//   /visit  Set-Cookie: sessionid (HttpOnly) and csrftoken; its script writes a first-party
//           basket cookie no rule knows, and the tags' _ga, _gid, _fbp, _gcl_au on the shop's
//           site (Domain=shop-x.test), as gtag.js and fbevents.js write them.
//   /show   stores nothing; the cookies the browser sends with it are recorded (`sent`).
// Every cookie has a Max-Age, so the browsers keep it on disk when they close.
import https from 'node:https';

import { selfSignedCertificate } from './self_signed_certificate.mjs';

export const SHOP_HOSTS = ['www.shop-a.test', 'www.shop-b.test'];
export const SHOP_COOKIES = ['sessionid', 'csrftoken', 'basket', '_ga', '_gid', '_fbp', '_gcl_au'];
const MAX_AGE = 30 * 24 * 3600;

function visitScript(site) {
  const tag = (name, value) => `document.cookie = '${name}=${value}; domain=${site}; path=/; max-age=${MAX_AGE}';`;
  return `
    document.cookie = 'basket=3-items; path=/; max-age=${MAX_AGE}';
    ${tag('_ga', 'GA1.2.1234567890.1700000000')}
    ${tag('_gid', 'GA1.2.987654321.1700000000')}
    ${tag('_fbp', 'fb.1.1700000000000.1234567890')}
    ${tag('_gcl_au', '1.1.1234567890.1700000000')}
    window.__ready = Promise.resolve('visited');`;
}

function page(title, script) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><script>${script}</script></head>` +
    `<body><h1>${title}</h1></body></html>`;
}

export async function startShopServer() {
  const sent = {};  // host -> cookie names sent with the last /show, sorted
  const server = https.createServer(selfSignedCertificate(SHOP_HOSTS), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url, `https://${host}`);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (!SHOP_HOSTS.includes(host)) {
      res.writeHead(404, headers).end('unknown host');
    } else if (url.pathname === '/visit') {
      const common = `Path=/; Max-Age=${MAX_AGE}; SameSite=Lax`;
      res.writeHead(200, { ...headers, 'set-cookie': [`sessionid=s3ss10n; ${common}; HttpOnly; Secure`, `csrftoken=t0k3n; ${common}; Secure`] });
      res.end(page(`visit ${host}`, visitScript(host.replace(/^www\./, ''))));
    } else if (url.pathname === '/show') {
      sent[host] = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')[0]).filter(Boolean).sort();
      res.writeHead(200, headers).end(page(`show ${host}`, 'window.__ready = Promise.resolve("shown");'));
    } else {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const url = (host, p) => `https://${host}:${port}${p}`;
  return {
    // Visits every shop's /visit in `page` and waits for its script.
    async visitAll(page) {
      for (const host of SHOP_HOSTS) {
        await page.goto(url(host, '/visit'), { waitUntil: 'load' });
        await page.evaluate(() => window.__ready);
      }
    },
    // {host: [cookie names the browser sent]} for every shop's /show.
    async sentCookies(page) {
      for (const host of SHOP_HOSTS) await page.goto(url(host, '/show'), { waitUntil: 'load' });
      return Object.fromEntries(SHOP_HOSTS.map((host) => [host, sent[host]]));
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
