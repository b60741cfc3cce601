// "Delete site data" in Chromium under a private public suffix (carrd.co is a PSL entry and a site
// of its own): deleting a.carrd.co takes its cookies (its partitioned one too) and storage and
// leaves b.carrd.co's and carrd.co's; deleting carrd.co takes only carrd.co's own data. The popup
// shows what would go and deletes on the second click only; a page that is no web site is refused.
// No native host is installed: the other-browsers part says so (delete_host_missing.test.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchWithExtension, waitForEnforcement } from './extension_browser.mjs';
import { STORED_DB, STORED_KEY } from './site_storage.mjs';
import { HOSTS, cookieNames, deleteFromPopup, namesOf, refusalFor, seedSites, storageByHost, undoFromReopenedPopup } from './suffix_delete_scenario.mjs';
import { SITE_A, SITE_B, SUFFIX, startSuffixSites } from './suffix_sites.mjs';

let sites;
let browser;
let b;
const KEPT = { localStorage: [STORED_KEY], indexedDB: [STORED_DB] };
const GONE = { localStorage: [], indexedDB: [] };

before(async () => {
  sites = await startSuffixSites();
  browser = await launchWithExtension({ port: sites.port });
  await waitForEnforcement(browser);
  const ext = await browser.context.newPage();
  await ext.goto(browser.extensionUrl('pages/options.html'));
  b = {
    ext,
    newPage: () => browser.context.newPage(),
    async showPopup(tabId) {
      await ext.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
      return ext;
    },
  };
  await seedSites(b);
});
after(async () => { await browser?.close(); await sites?.close(); });

test('before: each of the three sites holds its cookies and storage, a and b a partitioned cookie too', async () => {
  assert.deepEqual(await cookieNames(b), [...namesOf(SUFFIX), ...namesOf(SITE_A, { partitioned: true }), ...namesOf(SITE_B, { partitioned: true })].sort());
  assert.deepEqual(await storageByHost(b), Object.fromEntries(HOSTS.map((h) => [h, KEPT])));
});

test('the preview lists a.carrd.co\'s cookies only, and cancelling deletes nothing', async () => {
  const before = await cookieNames(b);
  const { preview, cookiesBeforeConfirm } = await deleteFromPopup(b, SITE_A, { confirm: false });
  console.log(JSON.stringify(preview, null, 1));
  assert.equal(preview.title, `Delete ${SITE_A}'s data?`);
  assert.equal(preview.suffix, '');
  assert.deepEqual(preview.cookies.map((line) => line.split(' ')[0]).sort(), namesOf(SITE_A, { partitioned: true }).sort());
  assert.ok(preview.cookies.some((line) => line.includes('under https://embedder.example')), preview.cookies.join(' | '));
  assert.ok(!preview.cookies.some((line) => line.includes(' [')), `the default store is not named: ${preview.cookies.join(' | ')}`);
  assert.match(preview.storage, new RegExp(`of ${SITE_A.replace('.', '\\.')}(, |\\.$)`));
  assert.doesNotMatch(preview.storage, /b\.carrd\.co|[^.]carrd\.co, /);
  assert.match(preview.elsewhere.join(' '), /not installed/);
  assert.deepEqual(cookiesBeforeConfirm, before, 'the preview deleted nothing');
  assert.deepEqual(await cookieNames(b), before, 'cancelling deleted nothing');
});

test('deleting a.carrd.co takes all its cookies (the partitioned one too) and storage; b.carrd.co and carrd.co keep theirs', async () => {
  const { result } = await deleteFromPopup(b, SITE_A);
  console.log(result);
  assert.match(result, /^a\.carrd\.co: 3 of 3 cookies deleted; site storage cleared/);
  assert.deepEqual(await cookieNames(b), [...namesOf(SUFFIX), ...namesOf(SITE_B, { partitioned: true })].sort());
  assert.deepEqual(await storageByHost(b), { [SUFFIX]: KEPT, [SITE_A]: GONE, [SITE_B]: KEPT });
});

test('deleting carrd.co, itself a public suffix, takes only carrd.co\'s own data', async () => {
  const { preview, result } = await deleteFromPopup(b, SUFFIX);
  assert.match(preview.suffix, /carrd\.co is itself a public suffix/);
  assert.deepEqual(preview.cookies.map((line) => line.split(' ')[0]).sort(), namesOf(SUFFIX).sort());
  assert.match(result, /^carrd\.co: 2 of 2 cookies deleted; site storage cleared/);
  assert.deepEqual(await cookieNames(b), namesOf(SITE_B, { partitioned: true }).sort());
  assert.deepEqual(await storageByHost(b), { [SUFFIX]: GONE, [SITE_A]: GONE, [SITE_B]: KEPT });
});

test('a page that is no web site is refused with a reason: an extension page, about:blank', async () => {
  const ownTab = await b.ext.evaluate(async () => (await chrome.tabs.getCurrent()).id);
  assert.match(await refusalFor(b, ownTab), /This is not a web site \(chrome-extension: page\)/);
  const blank = await b.ext.evaluate(async () => (await chrome.tabs.create({ url: 'about:blank', active: false })).id);
  assert.match(await refusalFor(b, blank), /This is not a web site \(about: page\)/);
  assert.deepEqual(await cookieNames(b), namesOf(SITE_B, { partitioned: true }).sort(), 'nothing more was deleted');
});

test('the popup opened again still offers Undo of a.carrd.co\'s deletion, which puts its cookies back', async () => {
  const { offered, outcome } = await undoFromReopenedPopup(b, SITE_A);
  assert.match(offered, /^a\.carrd\.co's data was deleted at .+: Undo puts back its 3 cookies in this browser\.$/);
  assert.equal(outcome, 'a.carrd.co: 3 of 3 cookies restored in this browser. Its storage stays deleted.');
  assert.deepEqual(await cookieNames(b), [...namesOf(SITE_A, { partitioned: true }), ...namesOf(SITE_B, { partitioned: true })].sort());
});
