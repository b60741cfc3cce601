// Captures what real consent managers store when a person answers their banners, for the decoder
// tests (cmp_consent_test.mjs): run once in real Chromium (no extension), clicking each CMP's own
// controls, and written to captured.json with where each value came from. Re-run it when a CMP's
// version changes:   node tests/extension/cmp_consent/capture.mjs
// vanilla-cookieconsent and the TCF CMP are the e2e fixtures' own sites; klaro and Osano's
// cookieconsent run on two small pages here, configured as real sites do, with what the e2e
// fixtures (banner_sites.mjs) do not have: two analytics services in klaro (so that a category can
// be partly accepted), and besides Osano's opt-in banner (allow and deny) the library's default
// "info" banner, whose only button records "dismiss".
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { makeCertificate } from '../../../demo/site/server.mjs';
import { CHROMIUM_EXECUTABLE, launchWithExtension } from '../../e2e/extension/extension_browser.mjs';
import { CMP_HOST, startTcfSite } from '../../e2e/extension/tcf_site.mjs';
import { startVanillaccSite, VANILLACC_HOST } from '../../e2e/extension/vanillacc_site.mjs';

const OUT = new URL('./captured.json', import.meta.url);
const modules = (...parts) => fileURLToPath(new URL(`../../../node_modules/${parts.join('/')}`, import.meta.url));
const version = (name) => JSON.parse(readFileSync(modules(name, 'package.json'), 'utf8')).version;

export const KLARO_SERVICES = [
  { name: 'session', purposes: ['necessary'], required: true },
  { name: 'google-analytics', purposes: ['analytics'] },
  { name: 'matomo', purposes: ['analytics'] },
  { name: 'youtube', purposes: ['functional'] },
  { name: 'facebook-pixel', purposes: ['marketing'] },
];

const klaroPage = `<!doctype html><html><head><meta charset="utf-8"><title>Klaro page</title>
<script>var klaroConfig = { version: 1, elementID: 'klaro', storageMethod: 'cookie', cookieName: 'klaro',
  groupByPurpose: false, acceptAll: true, default: false, lang: 'en',
  translations: { en: { purposes: { analytics: 'Analytics', marketing: 'Marketing', functional: 'Functional', necessary: 'Necessary' } } },
  services: ${JSON.stringify(KLARO_SERVICES.map((s) => ({ ...s, title: s.name })))} };</script>
<script defer src="/klaro/klaro.js"></script></head><body><h1>Klaro page</h1></body></html>`;

const osanoPage = (type) => `<!doctype html><html><head><meta charset="utf-8"><title>Osano page</title>
<link rel="stylesheet" href="/cookieconsent/cookieconsent.min.css">
<script src="/cookieconsent/cookieconsent.min.js"></script>
<script>window.addEventListener('load', () => window.cookieconsent.initialise({ type: '${type}', revokable: false }));</script>
</head><body><h1>Osano page</h1></body></html>`;

function startSmallPages() {
  const files = {
    '/klaro/klaro.js': modules('klaro', 'dist', 'klaro.js'),
    '/cookieconsent/cookieconsent.min.js': modules('cookieconsent', 'build', 'cookieconsent.min.js'),
    '/cookieconsent/cookieconsent.min.css': modules('cookieconsent', 'build', 'cookieconsent.min.css'),
  };
  const pages = { '/klaro': klaroPage, '/osano-opt-in': osanoPage('opt-in'), '/osano-info': osanoPage('info') };
  const server = createServer(makeCertificate(), (req, res) => {
    const path = new URL(req.url, 'https://x').pathname;
    if (pages[path]) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path]);
    const type = path.endsWith('.css') ? 'text/css' : 'text/javascript; charset=utf-8'; // klaro.js is UTF-8
    if (files[path]) return res.writeHead(200, { 'content-type': type }).end(readFileSync(files[path]));
    return res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: server.address().port,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  })));
}

async function withBrowser(site, visit) {
  const browser = await launchWithExtension({ port: site.port, extensionDir: null });
  try {
    return await visit(browser);
  } finally {
    await browser.close();
  }
}

async function cookieAfter(browser, url, name, answer) {
  const page = await browser.context.newPage();
  await page.goto(url);
  await answer(page);
  const cookie = await waitForCookie(browser, url, name);
  await page.close();
  await browser.context.clearCookies();
  return cookie;
}

async function waitForCookie(browser, url, name) {
  for (let i = 0; i < 100; i += 1) {
    const found = (await browser.context.cookies(url)).find((c) => c.name === name);
    if (found) return found.value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${name} cookie at ${url}`);
}

async function captureKlaro(browser) {
  const url = 'https://www.klaro-page.example/klaro';
  const take = (clicks, answer) => cookieAfter(browser, url, 'klaro', answer).then((value) => ({ clicks, value }));
  return [
    await take('Decline', (p) => p.click('.cookie-notice .cn-decline')),
    await take('Accept all', (p) => p.click('.cookie-notice .cm-btn-success')),
    await take('Let me choose; analytics services on; Accept selected', async (p) => {
      await p.click('.cookie-notice .cn-learn-more');
      for (const name of ['google-analytics', 'matomo']) await p.click(`label[for="service-item-${name}"]`);
      await p.click('.cookie-modal .cm-btn-accept');
    }),
    await take('Let me choose; matomo only on (analytics half accepted); Accept selected', async (p) => {
      await p.click('.cookie-notice .cn-learn-more');
      await p.click('label[for="service-item-matomo"]');
      await p.click('.cookie-modal .cm-btn-accept');
    }),
  ];
}

async function captureOsano(browser) {
  const take = (path, clicks, selector) => cookieAfter(browser, `https://www.osano-page.example${path}`, 'cookieconsent_status',
    (p) => p.click(selector)).then((value) => ({ clicks: `${path.slice(1)} banner: ${clicks}`, value }));
  return [
    await take('/osano-opt-in', 'Decline', '.cc-deny'),
    await take('/osano-opt-in', 'Allow cookies', '.cc-allow'),
    await take('/osano-info', 'Got it!', '.cc-dismiss'),
  ];
}

async function captureVanillacc(browser) {
  const url = `https://${VANILLACC_HOST}/`;
  const take = (clicks, answer) => cookieAfter(browser, url, 'cc_cookie', answer).then((value) => ({ clicks, value }));
  const choose = (categories) => async (p) => {
    await p.click('#cc-main .cm [data-role=show]');
    for (const c of categories) await p.click(`#cc-main .pm .section__toggle[value=${c}]`);
    await p.click('#cc-main .pm [data-role=save]');
  };
  return [
    await take('Reject all', (p) => p.click('#cc-main .cm [data-role=necessary]')),
    await take('Accept all', (p) => p.click('#cc-main .cm [data-role=all]')),
    await take('Manage preferences; analytics on; Save preferences', choose(['analytics'])),
    await take('Manage preferences; analytics and marketing on; Save preferences', choose(['analytics', 'marketing'])),
  ];
}

async function captureTcf(browser) {
  const take = async (clicks, answer) => {
    const page = await browser.context.newPage();
    await page.goto(`https://${CMP_HOST}/`);
    await page.waitForSelector('#banner:not([hidden])');
    await answer(page);
    await page.waitForSelector('body[data-answered]');
    const tcData = await page.evaluate(() => new Promise((resolve) => window.__tcfapi('getTCData', 2, (d) => resolve(d))));
    await page.close();
    const { tcString, purpose } = tcData;
    return { clicks, value: tcString, tcData: { tcString, purpose } };
  };
  const choose = (consents, keptLi) => async (p) => {
    await p.click('#manage');
    for (const n of consents) await p.click(`#purposes input.consent[data-purpose="${n}"]`);
    for (const n of [2, 7, 8, 9, 10, 11].filter((x) => !keptLi.includes(x))) await p.click(`#purposes input.li[data-purpose="${n}"]`);
    await p.click('#save');
  };
  return [
    await take('Reject all', (p) => p.click('#reject')),
    await take('Accept all', (p) => p.click('#accept')),
    await take('Manage choices; consent 1, 8, 9, 10; legitimate interest objected for 2, 7, 11; Save', choose([1, 8, 9, 10], [8, 9, 10])),
    await take('Manage choices; consent 1, 8, 9, 10; legitimate interest left on; Save', choose([1, 8, 9, 10], [2, 7, 8, 9, 10, 11])),
  ];
}

const chromiumVersion = execFileSync(CHROMIUM_EXECUTABLE, ['--version'], { encoding: 'utf8' }).trim();
const origin = (pkg, ver, page) => `${pkg} ${ver} on ${page}, answered by clicking its controls in ${chromiumVersion} (tests/extension/cmp_consent/capture.mjs)`;
const small = await startSmallPages();
const vanillacc = await startVanillaccSite();
const tcf = await startTcfSite();
try {
  const captured = {
    capturedAt: new Date().toISOString().slice(0, 10),
    klaro: { origin: origin('klaro', version('klaro'), 'a page of capture.mjs'), services: KLARO_SERVICES, answers: await withBrowser(small, captureKlaro) },
    osano: { origin: origin('cookieconsent', version('cookieconsent'), 'pages of capture.mjs'), answers: await withBrowser(small, captureOsano) },
    vanillacc: { origin: origin('vanilla-cookieconsent', version('vanilla-cookieconsent'), 'tests/e2e/extension/vanillacc_site.mjs'), answers: await withBrowser(vanillacc, captureVanillacc) },
    tcf: { origin: origin('@iabtcf/cmpapi and @iabtcf/core', version('@iabtcf/core'), 'tests/e2e/extension/tcf_site.mjs'), answers: await withBrowser(tcf, captureTcf) },
  };
  writeFileSync(OUT, `${JSON.stringify(captured, null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(OUT)}`);
} finally {
  await Promise.all([small.close(), vanillacc.close(), tcf.close()]);
}
