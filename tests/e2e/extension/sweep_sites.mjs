// A shop that stored cookies before Cookie Warden was installed, for the sweep: its session and CSRF
// cookies (necessary: they stay), Google Analytics' _ga/_gid and the first-party _fbp/_gcl_au that
// Meta's and Google's tags set (refused under "necessary only"), and a marketing vendor's frame
// (ad.doubleclick.net) that keeps its IDE cookie partitioned under the shop (CHIPS / Firefox TCP).
// One HTTPS server answers for both names (Chromium maps them with --host-resolver-rules, Firefox
// reaches it through connect_proxy.mjs).
//   /visit      sets every cookie above and embeds the vendor's /frame; `window.__ready` once loaded
//   /visit?extra=N  also sets N more Google Analytics 4 cookies (_ga_EXTRA0…): a sweep over the threshold
//   /show       stores nothing, and shows the names of the cookies the browser sent (#sent)
import { createServer } from 'node:https';
import { selfSignedCertificate } from './suffix_sites.mjs';

export const SHOP = 'shop.example';
export const VENDOR = 'ad.doubleclick.net';
export const NECESSARY = ['csrftoken', 'shop_session'];
export const REFUSED_FIRST_PARTY = ['_fbp', '_ga', '_gcl_au', '_gid'];
export const PARTITIONED = 'IDE';
export const extraNames = (n) => Array.from({ length: n }, (_, i) => `_ga_EXTRA${i}`);

const YEAR = 365 * 24 * 3600;
const html = (title, body = '') => `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1>${body}`;

function shopCookies(extra) {
  const tracker = (name, value) => `${name}=${value}; Domain=${SHOP}; Path=/; Max-Age=${YEAR}; Secure; SameSite=Lax`;
  return [
    'shop_session=s-4711; Path=/; HttpOnly; Secure; SameSite=Lax', // a session cookie: no Max-Age
    `csrftoken=c-0815; Path=/; Max-Age=${YEAR}; Secure; SameSite=Strict`,
    tracker('_ga', 'GA1.1.1234.5678'), tracker('_gid', 'GA1.1.8765.4321'), tracker('_fbp', 'fb.1.1700000000.42'),
    tracker('_gcl_au', '1.1.99.1700000000'), ...extraNames(extra).map((n) => tracker(n, 'GS1.1.1')),
  ];
}

export async function startSweepSites() {
  const server = createServer(selfSignedCertificate(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url, `https://${host}`);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (host === SHOP && url.pathname === '/visit') {
      res.writeHead(200, { ...headers, 'set-cookie': shopCookies(Number(url.searchParams.get('extra') ?? 0)) });
      return res.end(html('shop', `<iframe src="https://${VENDOR}/frame"></iframe>`
        + '<script>window.__ready = new Promise((r) => document.querySelector("iframe").addEventListener("load", r));</script>'));
    }
    if (host === SHOP && url.pathname === '/show') {
      const sent = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')[0]).filter(Boolean).sort();
      return res.writeHead(200, headers).end(html('shop', `<pre id="sent">${sent.join(' ')}</pre>`));
    }
    if (host === VENDOR && url.pathname === '/frame') {
      res.writeHead(200, { ...headers, 'set-cookie': `${PARTITIONED}=AHWqTUm-vendor; Path=/; Max-Age=${YEAR}; Secure; SameSite=None; Partitioned` });
      return res.end(html('ad'));
    }
    return res.writeHead(404, headers).end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// Visits the shop in `page` and waits for the vendor's frame.
export async function visitShop(page, extra = 0) {
  await page.goto(`https://${SHOP}/visit${extra ? `?extra=${extra}` : ''}`, { waitUntil: 'load' });
  await page.evaluate(() => window.__ready);
}
