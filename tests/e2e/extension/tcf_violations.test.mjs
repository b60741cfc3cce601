// The consent-violation record in real Chromium. www.tcf-news.example runs a real IAB TCF CMP
// (@iabtcf/cmpapi); the person presses its "Reject all", and the site sets _ga and _fbp and loads
// the Meta pixel anyway. The extension stops all three (necessary only, the fresh choice), reads
// the CMP's record through __tcfapi('getTCData') in the page, and its site record lists the three
// as violations with the TC string's purposes; the record validates against the JSON schema; the
// options Log tab filters by site, category and violations and exports the record (the downloaded
// file validates too); the printable report shows them
// (screenshot build/screenshots/extension/consent-report.png); www.plain-news.example, without a
// CMP, has a refused _ga and no violation; the popup's "Delete site data" clears the CMP site's
// record and leaves the other site's.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { askBackground, launchWithExtension, waitFor, waitForEnforcement } from './extension_browser.mjs';
import { assertRejectAllViolations, assertValid, CMP_SITE, PLAIN_SITE, recordComplete } from './tcf_record_checks.mjs';
import { CMP_HOST, PLAIN_HOST, startTcfSite } from './tcf_site.mjs';

const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));
let site;
let browser;
let options;

const siteRecord = (name) => askBackground(options, 'getSiteRecord', { site: name });

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startTcfSite();
  browser = await launchWithExtension({ port: site.port });
  await waitForEnforcement(browser);
  options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('pages/options.html#log'));
  // The person answers the banner here, so the extension must not (extension/rules/cmp/tcf-fixture.json).
  await askBackground(options, 'setBannerOff', { site: CMP_SITE, off: true });
});
after(async () => { await browser?.close(); await site?.close(); });

test('the CMP records "reject all", the site sets _ga and _fbp and loads the pixel anyway: three violations', async () => {
  const plain = await browser.context.newPage();
  await plain.goto(`https://${PLAIN_HOST}/`);
  const news = await browser.context.newPage();
  await news.goto(`https://${CMP_HOST}/`);
  await news.locator('#reject').click();
  await news.locator('body[data-answered=reject-all]').waitFor();
  assert.deepEqual(await browser.context.cookies(`https://${CMP_HOST}/`), [], 'no cookie was stored');
  const record = await waitFor('the CMP record and the three attempts', async () => recordComplete(await siteRecord(CMP_SITE)), 30000);
  assertRejectAllViolations(record);

  const other = await siteRecord(PLAIN_SITE);
  assertValid(other);
  assert.deepEqual(other.attempts.map((a) => [a.name, a.category, a.violation]), [['_ga', 'analytics', false]], 'no CMP: refused, not a violation');
  assert.deepEqual(other.cmpRecords, []);
});

test('the Log tab filters by site, category and violations only, and exports the site\'s record as JSON', async () => {
  await options.reload();
  await options.locator('#log tbody tr').first().waitFor();
  await options.locator('#log-site').selectOption(CMP_SITE);
  await options.locator('#log-violations').check();
  await waitFor('the filtered log', async () => (await options.locator('#log tbody tr.violation').count()) >= 3);
  const rows = await options.locator('#log tbody tr').allInnerTexts();
  assert.ok(rows.every((r) => r.includes(CMP_SITE) && /violation/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => r.includes('cookie _ga')) && rows.some((r) => r.includes('cookie _fbp')), rows.join('\n'));
  await options.locator('#log-category').selectOption('analytics');
  await waitFor('only analytics', async () => (await options.locator('#log tbody tr').allInnerTexts()).every((r) => /Analytics/.test(r)));
  assert.ok((await options.locator('#log tbody tr').allInnerTexts()).some((r) => r.includes('cookie _ga')));
  const [download] = await Promise.all([options.waitForEvent('download'), options.locator('#log-export').click()]);
  assert.equal(download.suggestedFilename(), `cookiewarden-record-${CMP_SITE}.json`);
  const exported = JSON.parse(Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8'));
  assertRejectAllViolations(exported);
  await options.locator('#log-site').selectOption(PLAIN_SITE);
  await waitFor('no violation on the plain site', async () => /Nothing matches/.test(await options.locator('#log tbody').innerText()));
  assert.equal(await options.locator('#log-record').isVisible(), true, 'a chosen site can be exported');
});

test('the printable report lists the violations, the CMP\'s record, the chosen authority and a letter', async () => {
  const report = await browser.context.newPage();
  await report.goto(browser.extensionUrl(`pages/report.html?site=${CMP_SITE}`));
  await report.locator('body[data-ready=true]').waitFor();
  const violations = await report.locator('#attempts tr.violation').allInnerTexts();
  assert.ok(violations.some((r) => r.includes('cookie _ga') && r.includes('TCF 8, 9, 10')), violations.join('\n'));
  assert.ok(violations.some((r) => r.includes('cookie _fbp') && r.includes('TCF 2, 3, 4, 7')), violations.join('\n'));
  assert.equal(await report.locator('.cmp-record .purposes-consented').first().innerText(), 'none');
  await report.locator('#region').selectOption('us-ca');
  assert.match(await report.locator('#authority-details').innerText(), /California Privacy Protection Agency.*https:\/\/cppa\.ca\.gov\//s);
  await report.locator('#region').selectOption('eu');
  await report.locator('#authority').selectOption({ label: 'France: Commission nationale de l\'informatique et des libertés (CNIL)' });
  const letter = await report.locator('#letter').innerText();
  assert.match(letter, /^To: Commission nationale de l'informatique et des libertés \(CNIL\)/);
  assert.match(letter, /tcf-news\.example/);
  assert.match(letter, /the cookie _ga, the cookie _fbp/);
  await report.emulateMedia({ media: 'print' });
  await report.screenshot({ path: SHOTS + 'consent-report.png', fullPage: true });
  await report.close();
});

test('the popup\'s "Delete site data" clears the site\'s record, and only that site\'s', async () => {
  const tabId = await browser.worker.evaluate(async (h) => (await chrome.tabs.query({ url: `https://${h}/*` }))[0]?.id, CMP_HOST);
  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  await popup.locator('#delete').click();
  await popup.locator('#delete-confirm:enabled').click();
  await popup.locator('#result').waitFor();
  const cleared = await siteRecord(CMP_SITE);
  assert.deepEqual([cleared.attempts, cleared.cmpRecords], [[], []]);
  assert.equal((await siteRecord(PLAIN_SITE)).attempts.length, 1, 'the other site keeps its record');
});
