// A news site running a real IAB TCF CMP, for the consent-violation record tests. Every host name
// reaches this HTTPS server (the browsers map them all to it). www.tcf-news.example runs a CMP
// built on @iabtcf/cmpapi and @iabtcf/core, served from node_modules through an import map, with
// a small local GVL (tcf_gvl.json: no network). Its banner's "Reject all" records a TC string
// refusing every purpose and vendor; the site's tags then set _ga and _fbp and load the Meta pixel
// anyway, as the sites the record is for do. www.plain-news.example sets _ga with no CMP at all.
// Any other path (a tracker's script) answers an empty script.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { makeCertificate } from '../../../demo/site/server.mjs';

export const CMP_HOST = 'www.tcf-news.example';
export const PLAIN_HOST = 'www.plain-news.example';
export const CMP_ID = 300;
export const CMP_VERSION = 2;

const MODULES = {
  '/iabtcf/core/': fileURLToPath(new URL('../../../node_modules/@iabtcf/core/lib/mjs/', import.meta.url)),
  '/iabtcf/cmpapi/': fileURLToPath(new URL('../../../node_modules/@iabtcf/cmpapi/lib/mjs/', import.meta.url)),
};
const GVL = readFileSync(new URL('./tcf_gvl.json', import.meta.url));

const cmpPage = `<!doctype html><html><head><meta charset="utf-8"><title>TCF News</title>
<script type="importmap">{"imports": {"@iabtcf/core": "/iabtcf/core/index.js", "@iabtcf/cmpapi": "/iabtcf/cmpapi/index.js"}}</script>
<script type="module" src="/cmp.mjs"></script>
</head><body><h1>TCF News</h1>
<div id="banner" hidden><p>We and our partners store and access information on your device.</p><button id="reject">Reject all</button></div>
</body></html>`;

// The CMP: the banner is shown (cmpuishown) until the person answers; "Reject all" records a TC
// string with no purpose or vendor consented and no legitimate interest, then the tags run anyway.
const cmpScript = `import { CmpApi } from '@iabtcf/cmpapi';
import { GVL, TCModel, TCString } from '@iabtcf/core';
const cmpApi = new CmpApi(${CMP_ID}, ${CMP_VERSION}, true);
const gvl = new GVL(await (await fetch('/gvl.json')).json());
await gvl.readyPromise;
cmpApi.update('', true);
document.getElementById('banner').hidden = false;
document.getElementById('reject').addEventListener('click', () => {
  const model = new TCModel(gvl);
  model.cmpId = ${CMP_ID};
  model.cmpVersion = ${CMP_VERSION};
  model.isServiceSpecific = true;
  model.consentScreen = 1;
  cmpApi.update(TCString.encode(model), false);
  document.getElementById('banner').remove();
  document.cookie = '_ga=GA1.1.123456789.1700000000; path=/';
  document.cookie = '_fbp=fb.1.1700000000000.123456789; path=/';
  const pixel = document.createElement('script');
  pixel.src = 'https://connect.facebook.net/en_US/fbevents.js';
  pixel.onload = pixel.onerror = () => { document.body.dataset.answered = 'reject-all'; };
  document.head.append(pixel);
});
`;

const plainPage = `<!doctype html><html><head><meta charset="utf-8"><title>Plain News</title>
<script>document.cookie = '_ga=GA1.1.987654321.1700000000; path=/';</script>
</head><body><h1>Plain News</h1></body></html>`;

function send(res, type, body) {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function moduleFile(path) {
  for (const [prefix, dir] of Object.entries(MODULES)) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    if (!/^[\w/.-]+\.js$/.test(rest) || rest.includes('..')) return null;
    try { return readFileSync(dir + rest); } catch { return null; }
  }
  return null;
}

export async function startTcfSite() {
  const server = createServer(makeCertificate(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = new URL(req.url, `https://${host}`).pathname;
    if (path === '/' && host === CMP_HOST) return send(res, 'text/html; charset=utf-8', cmpPage);
    if (path === '/' && host === PLAIN_HOST) return send(res, 'text/html; charset=utf-8', plainPage);
    if (path === '/cmp.mjs') return send(res, 'text/javascript', cmpScript);
    if (path === '/gvl.json') return send(res, 'application/json', GVL);
    const module = moduleFile(path);
    if (module) return send(res, 'text/javascript', module);
    return send(res, 'text/javascript', '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
