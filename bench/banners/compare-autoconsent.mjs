// Cookie Warden's banner answers beside DuckDuckGo's autoconsent (@duckduckgo/autoconsent, MPL-2.0,
// a test-time reference that is never shipped) on the same four fixture sites with real consent
// managers: klaro and Osano's cookieconsent (tests/e2e/extension/banner_sites.mjs),
// vanilla-cookieconsent (vanillacc_site.mjs) and the TCF fixture's CMP (tcf_site.mjs). Each run is
// a fresh real Chromium: autoconsent's playwright build injected into every frame and driven the
// way its own playwright runner drives it (compact rules, "optOut"); ours, the packaged extension
// with its default choice, necessary only. Afterwards the CMP's own record is read the same way for
// both (its cookie from the browser, klaro's services and the TC string in the page) and decoded
// and compared with necessary only by extension/js/cmp-consent/. Prints one table; writes
// build/bench/banners/compare-autoconsent.json. Asserts nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { filterCompactRules } from '@duckduckgo/autoconsent';
import { verifyStoredConsent } from '../../extension/js/cmp-consent/index.js';
import { klaroServicesInPage, tcStringInPage } from '../../extension/js/stored-consent-reader.js';
import { askBackground, launchWithExtension, waitFor, waitForEnforcement } from '../../tests/e2e/extension/extension_browser.mjs';
import { KLARO_HOST, OSANO_HOST, startBannerSites } from '../../tests/e2e/extension/banner_sites.mjs';
import { CMP_HOST, startTcfSite } from '../../tests/e2e/extension/tcf_site.mjs';
import { startVanillaccSite, VANILLACC_HOST } from '../../tests/e2e/extension/vanillacc_site.mjs';

const AUTOCONSENT_DIR = fileURLToPath(new URL('../../node_modules/@duckduckgo/autoconsent/', import.meta.url));
const AUTOCONSENT_VERSION = JSON.parse(readFileSync(`${AUTOCONSENT_DIR}package.json`, 'utf8')).version;
const CONTENT_SCRIPT = readFileSync(`${AUTOCONSENT_DIR}dist/autoconsent.playwright.js`, 'utf8');
const COMPACT_RULES = JSON.parse(readFileSync(`${AUTOCONSENT_DIR}rules/compact-rules.json`, 'utf8'));
const OUT = new URL('../../build/bench/banners/', import.meta.url);
const RUN_MS = 20000; // past this, a tool that has not finished has not answered

const NECESSARY_ONLY = Object.freeze({ functional: 'block', analytics: 'block', social: 'block', marketing: 'block' });
const FIXTURES = [
  { cmp: 'klaro 0.7.22', host: KLARO_HOST, start: startBannerSites, stored: { cookie: 'klaro', decoder: 'klaro' } },
  { cmp: 'Osano cookieconsent 3.1.1', host: OSANO_HOST, start: startBannerSites, stored: { cookie: 'cookieconsent_status', decoder: 'osano' } },
  { cmp: 'vanilla-cookieconsent 3.1.0', host: VANILLACC_HOST, start: startVanillaccSite, stored: { cookie: 'cc_cookie', decoder: 'vanillacc' } },
  { cmp: 'TCF fixture CMP (@iabtcf 1.5.6)', host: CMP_HOST, start: startTcfSite, stored: { tcfapi: 'getTCData', decoder: 'tcf' } },
];

// The CMP's record in `page` after the run, decoded and compared with necessary only: {record, check}.
async function storedRecord(context, page, stored, url) {
  let value = null;
  let config = {};
  if (stored.cookie) value = (await context.cookies(url)).find((c) => c.name === stored.cookie)?.value ?? null;
  else value = await page.evaluate(tcStringInPage);
  if (stored.decoder === 'klaro') config = { services: await page.evaluate(klaroServicesInPage) };
  const check = verifyStoredConsent(stored.decoder, value, NECESSARY_ONLY, config);
  return { record: value, check };
}

function recordText({ record, check }) {
  if (!record) return 'nothing stored';
  if (check.error) return `unreadable: ${check.error}`;
  const states = check.purposes
    ? `purposes consented [${check.purposes.consents}], legitimate interest [${check.purposes.legitimateInterests}]`
    : Object.entries(check.categories).map(([c, s]) => `${c} ${s}`).join(', ');
  return `${states}; ${check.mismatches.length ? `${check.mismatches.length} difference(s) from necessary only` : 'matches necessary only'}`;
}

// autoconsent's playwright build in every frame, answered as its runner answers (initResp with the
// compact rules for the frame, evalResp for its page-script checks).
async function runAutoconsent(fixture, port) {
  const browser = await launchWithExtension({ port, extensionDir: null });
  try {
    const page = await browser.context.newPage();
    const seen = { detected: null, popup: false, optOut: null, done: null, errors: [] };
    await page.exposeBinding('autoconsentSendMessage', async ({ frame }, msg) => {
      const reply = (text) => frame.evaluate(text).catch(() => {});
      if (msg.type === 'init') {
        const rules = { compact: filterCompactRules(COMPACT_RULES, { url: frame.url(), mainFrame: frame.parentFrame() === null }) };
        const config = { enabled: true, autoAction: 'optOut', disabledCmps: [], enablePrehide: true, detectRetries: 20, enableCosmeticRules: true };
        await reply(`autoconsentReceiveMessage({ type: "initResp", config: ${JSON.stringify(config)}, rules: ${JSON.stringify(rules)} })`);
      } else if (msg.type === 'eval') {
        const result = await frame.evaluate(msg.code).catch(() => false);
        await reply(`autoconsentReceiveMessage({ id: "${msg.id}", type: "evalResp", result: ${JSON.stringify(result)} })`);
      } else if (msg.type === 'cmpDetected') seen.detected = msg.cmp;
      else if (msg.type === 'popupFound') seen.popup = true;
      else if (msg.type === 'optOutResult') seen.optOut = msg.result;
      else if (msg.type === 'autoconsentDone') seen.done = { cmp: msg.cmp, ms: await frame.evaluate('performance.now()') };
      else if (msg.type === 'autoconsentError') seen.errors.push(JSON.stringify(msg.details).slice(0, 200));
    });
    const inject = (frame) => frame.evaluate(CONTENT_SCRIPT).catch(() => {});
    page.on('framenavigated', inject);
    const url = `https://${fixture.host}/`;
    await page.goto(url, { waitUntil: 'commit' });
    await Promise.all(page.frames().map(inject));
    await waitFor('autoconsent to finish', () => seen.done || seen.optOut === false, RUN_MS).catch(() => {});
    await page.waitForLoadState('load');
    const after = await storedRecord(browser.context, page, fixture.stored, url);
    let outcome = 'no CMP detected';
    if (seen.detected) outcome = !seen.popup ? 'no banner found' : seen.optOut === true ? 'opted out' : seen.optOut === false ? 'opt-out failed' : 'did not finish';
    return { detected: seen.detected ? `yes (${seen.detected})` : 'no', outcome, ms: seen.done ? Math.round(seen.done.ms) : null, after, errors: seen.errors };
  } finally {
    await browser.close();
  }
}

// The packaged extension (WARDEN_EXTENSION_DIR), necessary only: its outcome and check, from the tab's report.
async function runCookieWarden(fixture, port) {
  const browser = await launchWithExtension({ port });
  try {
    await waitForEnforcement(browser);
    const ext = await browser.context.newPage();
    await ext.goto(browser.extensionUrl('pages/options.html'));
    const page = await browser.context.newPage();
    const url = `https://${fixture.host}/`;
    await page.goto(url, { waitUntil: 'load' });
    const tabId = await ext.evaluate(async (h) => (await chrome.tabs.query({ url: `https://${h}/*` }))[0]?.id, fixture.host);
    const banner = await waitFor('the banner outcome', async () => {
      const reported = (await askBackground(ext, 'getTabReport', { tabId }))?.banner;
      return reported && (reported.outcome !== 'answered' || reported.check) ? reported : null;
    }, RUN_MS).catch(() => null);
    const after = await storedRecord(browser.context, page, fixture.stored, url);
    const outcome = !banner ? 'did not finish' : banner.outcome === 'answered' ? `answered (${banner.kind})` : `${banner.outcome}${banner.reason ? `: ${banner.reason}` : ''}`;
    return { detected: banner?.cmp ? `yes (${banner.cmp})` : 'no', outcome, ms: banner?.ms ?? null, after, errors: [] };
  } finally {
    await browser.close();
  }
}

const rows = [];
for (const fixture of FIXTURES) {
  const site = await fixture.start();
  try {
    for (const [tool, run] of [['Cookie Warden', runCookieWarden], [`autoconsent ${AUTOCONSENT_VERSION}`, runAutoconsent]]) {
      const result = await run(fixture, site.port);
      rows.push({ cmp: fixture.cmp, tool, ...result, record: recordText(result.after) });
    }
  } finally {
    await site.close();
  }
}

const columns = [['CMP', 'cmp'], ['tool', 'tool'], ['detected', 'detected'], ['outcome', 'outcome'],
  ['ms from navigation', 'ms'], ['the CMP\'s record afterwards (necessary only wanted)', 'record']];
const cell = (row, key) => String(row[key] ?? '—');
const widths = columns.map(([title, key]) => Math.max(title.length, ...rows.map((r) => cell(r, key).length)));
const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join(' | ');
console.log(line(columns.map(([title]) => title)));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(columns.map(([, key]) => cell(row, key))));
for (const row of rows.filter((r) => r.errors.length)) console.log(`${row.tool} on ${row.cmp}: ${row.errors.join('; ')}`);
mkdirSync(OUT, { recursive: true });
writeFileSync(new URL('compare-autoconsent.json', OUT), `${JSON.stringify(rows.map(({ after, ...r }) => ({ ...r, stored: after.record, check: after.check })), null, 2)}\n`);
