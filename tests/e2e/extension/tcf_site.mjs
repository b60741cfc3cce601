// A news site running a real IAB TCF CMP, for the consent-violation record and the banner tests.
// Every host name reaches this HTTPS server (the browsers map them all to it). www.tcf-news.example
// runs a CMP built on @iabtcf/cmpapi and @iabtcf/core, served from node_modules through an import
// map, with a small local GVL (tcf_gvl.json: no network). Its banner has "Accept all", "Reject all"
// and "Manage choices"; the choices layer has a consent switch per purpose and, for the purposes
// TCF v2.2 lets rest on legitimate interest (2, 7, 8, 9, 10, 11), a legitimate-interest switch
// that is on until the person objects, as real CMPs show them. Both layers carry
// data-cmp="tcf-fixture", which the banner rule for this test CMP (extension/rules/cmp/
// tcf-fixture.json) detects. Whatever the answer, the site's tags
// then set _ga and _fbp and load the Meta pixel, as the sites the violation record is for do.
// https://www.tcf-news.example/?keeps-interests runs the same CMP with a flaw found in the wild: it
// records every legitimate interest whatever the switches say. The page counts the clicks that
// reach "Accept all" in window.acceptClicks, and the banner's showing in window.bannerShownAt (ms
// from navigation start: this CMP loads dozens of ES modules first). www.plain-news.example sets _ga with no CMP at all.
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
<script>
window.acceptClicks = 0;
document.addEventListener('click', (event) => { if (event.target.closest?.('#accept')) window.acceptClicks += 1; }, true);
</script>
</head><body><h1>TCF News</h1>
<div id="banner" data-cmp="tcf-fixture" hidden><p>We and our partners store and access information on your device.</p>
<button id="accept">Accept all</button> <button id="reject">Reject all</button> <button id="manage">Manage choices</button></div>
<div id="choices" data-cmp="tcf-fixture" hidden><h2>Manage choices</h2><table id="purposes"></table><button id="save">Save choices</button></div>
</body></html>`;

// TCF v2.2: these purposes may rest on legitimate interest; 1 and 3–6 need consent.
export const LI_PURPOSES = [2, 7, 8, 9, 10, 11];

// The CMP: the banner is shown (cmpuishown) until the person answers. "Reject all" records a TC
// string with no purpose or vendor consented and every legitimate interest objected to; "Accept
// all" consents to every purpose and vendor and keeps every legitimate interest; "Save choices"
// records the switches (the vendors are consented when any purpose is, and keep their legitimate
// interest when any purpose does). Then the tags run, whatever the answer.
const cmpScript = `import { CmpApi } from '@iabtcf/cmpapi';
import { GVL, TCModel, TCString } from '@iabtcf/core';
const LI_PURPOSES = ${JSON.stringify(LI_PURPOSES)};
const KEEPS_INTERESTS = new URLSearchParams(location.search).has('keeps-interests');
const cmpApi = new CmpApi(${CMP_ID}, ${CMP_VERSION}, true);
const gvl = new GVL(await (await fetch('/gvl.json')).json());
await gvl.readyPromise;
const table = document.getElementById('purposes');
for (const [id, purpose] of Object.entries(gvl.purposes)) {
  const li = LI_PURPOSES.includes(Number(id))
    ? '<label><input type="checkbox" class="li" data-purpose="' + id + '" checked> Legitimate interest</label>' : '';
  table.insertAdjacentHTML('beforeend', '<tr><td>' + purpose.name + '</td><td><label><input type="checkbox" class="consent" data-purpose="'
    + id + '"> Consent</label></td><td>' + li + '</td></tr>');
}
cmpApi.update('', true);
document.getElementById('banner').hidden = false;
window.bannerShownAt = performance.now(); // the CMP's own loading time, apart from the answer's

function record(consents, legitimateInterests, answered) {
  const model = new TCModel(gvl);
  model.cmpId = ${CMP_ID};
  model.cmpVersion = ${CMP_VERSION};
  model.isServiceSpecific = true;
  model.consentScreen = answered === 'choices' ? 2 : 1;
  model.purposeConsents.set(consents);
  model.purposeLegitimateInterests.set(KEEPS_INTERESTS ? LI_PURPOSES : legitimateInterests);
  if (consents.length) model.vendorConsents.set(Object.keys(gvl.vendors).map(Number));
  if (legitimateInterests.length) model.vendorLegitimateInterests.set(Object.keys(gvl.vendors).map(Number));
  cmpApi.update(TCString.encode(model), false);
  document.getElementById('banner').remove();
  document.getElementById('choices').remove();
  document.cookie = '_ga=GA1.1.123456789.1700000000; path=/';
  document.cookie = '_fbp=fb.1.1700000000000.123456789; path=/';
  const pixel = document.createElement('script');
  pixel.src = 'https://connect.facebook.net/en_US/fbevents.js';
  pixel.onload = pixel.onerror = () => { document.body.dataset.answered = answered; };
  document.head.append(pixel);
}

const checked = (kind) => [...document.querySelectorAll('#purposes input.' + kind + ':checked')].map((i) => Number(i.dataset.purpose));
document.getElementById('reject').addEventListener('click', () => record([], [], 'reject-all'));
document.getElementById('accept').addEventListener('click', () => record(Object.keys(gvl.purposes).map(Number), LI_PURPOSES, 'accept-all'));
document.getElementById('manage').addEventListener('click', () => {
  document.getElementById('banner').hidden = true;
  document.getElementById('choices').hidden = false;
});
document.getElementById('save').addEventListener('click', () => record(checked('consent'), checked('li'), 'choices'));
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
