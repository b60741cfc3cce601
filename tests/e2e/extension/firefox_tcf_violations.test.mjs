// tcf_violations.test.mjs in Firefox ESR: the fixture's real TCF CMP records "reject all", the
// site sets _ga and _fbp and loads the Meta pixel anyway (here stopped by blocking webRequest); the
// record read through __tcfapi in the page makes all three violations with the TC string's
// purposes, the record validates against the schema, the Log tab filters them, the printable
// report shows them (screenshot build/screenshots/extension/firefox-consent-report.png), and the
// popup's "Delete site data" clears the site's record and only that.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor } from './extension_browser.mjs';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { askBackground, onboardingPage, showExtensionPage } from './firefox_extension_page.mjs';
import { assertRejectAllViolations, assertValid, CMP_SITE, PLAIN_SITE, recordComplete } from './tcf_record_checks.mjs';
import { CMP_HOST, PLAIN_HOST, startTcfSite } from './tcf_site.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
let site;
let ff;
let ext;

const siteRecord = (name) => askBackground(ext, 'getSiteRecord', { site: name });

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startTcfSite();
  ff = await launchFirefoxWithExtension({ port: site.port });
  ext = await onboardingPage(ff);
  // The person answers the banner here, so the extension must not (extension/rules/cmp/tcf-fixture.json).
  await askBackground(ext, 'setBannerOff', { site: CMP_SITE, off: true });
  // The guard is registered on install: the visits must come after it.
  await waitFor('the extension to guard pages', async () => {
    const page = await ff.browser.newPage();
    await page.goto(`https://${PLAIN_HOST}/`, { waitUntil: 'load' });
    const guarded = await page.evaluate(() => Boolean(self[Symbol.for('cookiewarden.guard')]));
    await page.close();
    return guarded;
  }, 30000);
});
after(async () => { await ff?.close(); await site?.close(); });

test('the CMP records "reject all", the site sets _ga and _fbp and loads the pixel anyway: three violations', async () => {
  const news = await ff.browser.newPage();
  await news.goto(`https://${CMP_HOST}/`, { waitUntil: 'load' });
  // The banner, not the button, carries `hidden`: once it shows, the CMP module has bound the click.
  await news.waitForSelector('#banner:not([hidden])');
  await news.evaluate(() => document.getElementById('reject').click());
  await news.waitForSelector('body[data-answered=reject-all]');
  const record = await waitFor('the CMP record and the three attempts', async () => recordComplete(await siteRecord(CMP_SITE)), 30000);
  assertRejectAllViolations(record);
  // The visits in before() close the page at once and may lose the guard's batched report: visit again.
  const plain = await ff.browser.newPage();
  await plain.goto(`https://${PLAIN_HOST}/`, { waitUntil: 'load' });
  const other = await waitFor('the plain site\'s refused _ga', async () => {
    const r = await siteRecord(PLAIN_SITE);
    return r.attempts.length ? r : null;
  }, 30000);
  assertValid(other);
  assert.ok(other.attempts.length >= 1 && other.attempts.every((a) => a.name === '_ga' && !a.violation), 'no CMP: refused, not a violation');
});

test('the Log tab filters by site, category and violations only', async () => {
  await showExtensionPage(ext, 'pages/options.html#log');
  await waitFor('the log', () => ext.evaluate((s) => [...document.querySelectorAll('#log-site option')].some((o) => o.value === s), CMP_SITE));
  // Sets the filters, then waits for the table to show what `shows` accepts (the log is asked again).
  const rows = async (filters, shows) => {
    await ext.evaluate((f) => {
      for (const [id, value] of Object.entries(f)) {
        const input = document.getElementById(id);
        if (input.type === 'checkbox') input.checked = value; else input.value = value;
      }
      document.getElementById('log-filters').dispatchEvent(new Event('change'));
    }, filters);
    return waitFor('the filtered log', async () => {
      const shown = await ext.evaluate(() => [...document.querySelectorAll('#log tbody tr')].map((tr) => tr.innerText));
      return shows(shown) ? shown : null;
    });
  };
  const violations = await rows({ 'log-site': CMP_SITE, 'log-violations': true }, (shown) => shown.length >= 3 && shown.every((r) => /violation/.test(r)));
  assert.ok(violations.every((r) => r.includes(CMP_SITE)), violations.join('\n'));
  assert.ok(violations.some((r) => r.includes('cookie _ga')) && violations.some((r) => r.includes('cookie _fbp')), violations.join('\n'));
  await rows({ 'log-category': 'analytics' }, (shown) => shown.every((r) => /Analytics/.test(r) && r.includes('cookie _ga')));
  await rows({ 'log-site': PLAIN_SITE, 'log-category': '' }, (shown) => /Nothing matches/.test(shown.join('\n')));
});

test('the printable report lists the violations with the TC string\'s purposes', async () => {
  await showExtensionPage(ext, `pages/report.html?site=${CMP_SITE}`);
  await waitFor('the report', () => ext.evaluate(() => document.body.dataset.ready === 'true'));
  const violations = await ext.evaluate(() => [...document.querySelectorAll('#attempts tr.violation')].map((tr) => tr.innerText));
  assert.ok(violations.some((r) => r.includes('cookie _ga') && r.includes('TCF 8, 9, 10')), violations.join('\n'));
  assert.ok(violations.some((r) => r.includes('cookie _fbp') && r.includes('TCF 2, 3, 4, 7')), violations.join('\n'));
  assert.match(await ext.evaluate(() => document.getElementById('letter').innerText), /the cookie _ga, the cookie _fbp/);
  await ext.screenshot({ path: SHOTS + 'firefox-consent-report.png', fullPage: true });
});

test('the popup\'s "Delete site data" clears the site\'s record, and only that site\'s', async () => {
  const tabId = await ext.evaluate(async (h) => (await browser.tabs.query({ url: `https://${h}/*` }))[0]?.id, CMP_HOST);
  await showExtensionPage(ext, `pages/popup.html?tab=${tabId}`);
  await ext.click('#delete');
  await waitFor('the preview', () => ext.evaluate(() => !document.getElementById('delete-confirm').disabled && !document.getElementById('preview').hidden), 30000);
  await ext.click('#delete-confirm');
  await waitFor('the outcome', () => ext.evaluate(() => !document.getElementById('result').hidden), 30000);
  const cleared = await siteRecord(CMP_SITE);
  assert.deepEqual([cleared.attempts, cleared.cmpRecords], [[], []]);
  assert.ok((await siteRecord(PLAIN_SITE)).attempts.length >= 1, 'the other site keeps its record');
});
