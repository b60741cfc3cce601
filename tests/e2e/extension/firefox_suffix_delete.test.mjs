// suffix_delete.test.mjs in Firefox ESR, plus containers: a.carrd.co and b.carrd.co also have a
// cookie in the "Personal" container, whose tabs are closed again before the deletion (Firefox
// then lists no cookie store for it). Deleting a.carrd.co takes its cookies in every store and
// partition, and its storage; b.carrd.co and carrd.co keep theirs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { waitFor } from './extension_browser.mjs';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { onboardingPage, showExtensionPage } from './firefox_extension_page.mjs';
import { STORED_DB, STORED_KEY } from './site_storage.mjs';
import { HOSTS, cookieNames, deleteFromPopup, namesOf, refusalFor, seedSites, storageByHost, undoFromReopenedPopup } from './suffix_delete_scenario.mjs';
import { SITE_A, SITE_B, SUFFIX, startSuffixSites } from './suffix_sites.mjs';

const CONTAINER = 'firefox-container-1';
let sites;
let ff;
let b;
const KEPT = { localStorage: [STORED_KEY], indexedDB: [STORED_DB] };
const GONE = { localStorage: [], indexedDB: [] };

// Opens /write of each host in a container tab, waits for its cookie, and closes the tabs.
async function seedContainer(hosts) {
  await b.ext.evaluate(async ([urls, storeId]) => {
    const tabs = await Promise.all(urls.map((url) => browser.tabs.create({ url, cookieStoreId: storeId, active: false })));
    const has = async () => (await browser.cookies.getAll({ storeId, partitionKey: {} })).length >= urls.length;
    for (let i = 0; i < 200 && !(await has()); i++) await new Promise((r) => setTimeout(r, 100));
    await browser.tabs.remove(tabs.map((t) => t.id));
  }, [hosts.map((h) => `https://${h}/write`), CONTAINER]);
}

before(async () => {
  sites = await startSuffixSites();
  ff = await launchFirefoxWithExtension({ port: sites.port });
  const ext = await onboardingPage(ff);
  b = {
    ext,
    newPage: () => ff.browser.newPage(),
    showPopup: (tabId) => showExtensionPage(ext, `pages/popup.html?tab=${tabId}`),
  };
  await waitFor('the extension to guard pages', async () => {
    const page = await b.newPage();
    await page.goto(`https://${SITE_A}/show`, { waitUntil: 'load' });
    const guarded = await page.evaluate(() => Boolean(self[Symbol.for('cookiewarden.guard')]));
    await page.close();
    return guarded;
  }, 30000);
  await seedSites(b);
  await seedContainer([SITE_A, SITE_B]);
});
after(async () => { await ff?.close(); await sites?.close(); });

const everyCookie = () => [...namesOf(SUFFIX), ...namesOf(SITE_A, { partitioned: true, container: true }),
  ...namesOf(SITE_B, { partitioned: true, container: true })].sort();

test('before: each site holds its cookies and storage; a and b a partitioned and a container cookie too', async () => {
  assert.equal(await b.ext.evaluate(async (id) => (await browser.cookies.getAllCookieStores()).some((s) => s.id === id), CONTAINER), false,
    'the container has no open tab: Firefox lists no cookie store for it');
  assert.deepEqual(await cookieNames(b), everyCookie());
  assert.deepEqual(await storageByHost(b), Object.fromEntries(HOSTS.map((h) => [h, KEPT])));
});

test('the preview lists a.carrd.co\'s cookies in every store and partition, and cancelling deletes nothing', async () => {
  const { preview, cookiesBeforeConfirm } = await deleteFromPopup(b, SITE_A, { confirm: false });
  console.log(JSON.stringify(preview, null, 1));
  assert.deepEqual(preview.cookies.map((line) => line.split(' ')[0]).sort(), ['chips_a', 'js_a', 'srv_a', 'srv_a'].sort());
  assert.ok(preview.cookies.some((line) => line.includes(`[${CONTAINER}]`)), preview.cookies.join(' | '));
  assert.ok(!preview.cookies.some((line) => line.includes('[firefox-default]')), 'the default store is not named');
  assert.ok(preview.cookies.some((line) => line.includes('under https://embedder.example')), preview.cookies.join(' | '));
  assert.deepEqual(cookiesBeforeConfirm, everyCookie());
  assert.deepEqual(await cookieNames(b), everyCookie());
});

test('deleting a.carrd.co takes its cookies in every store and partition, and its storage; the others keep theirs', async () => {
  const { result } = await deleteFromPopup(b, SITE_A);
  console.log(result);
  assert.match(result, /^a\.carrd\.co: 4 of 4 cookies deleted; site storage cleared/);
  assert.deepEqual(await cookieNames(b), [...namesOf(SUFFIX), ...namesOf(SITE_B, { partitioned: true, container: true })].sort());
  assert.deepEqual(await storageByHost(b), { [SUFFIX]: KEPT, [SITE_A]: GONE, [SITE_B]: KEPT });
});

test('deleting carrd.co, itself a public suffix, takes only carrd.co\'s own data', async () => {
  const { preview, result } = await deleteFromPopup(b, SUFFIX);
  assert.match(preview.suffix, /carrd\.co is itself a public suffix/);
  assert.match(result, /^carrd\.co: 2 of 2 cookies deleted; site storage cleared/);
  assert.deepEqual(await cookieNames(b), namesOf(SITE_B, { partitioned: true, container: true }).sort());
  assert.deepEqual(await storageByHost(b), { [SUFFIX]: GONE, [SITE_A]: GONE, [SITE_B]: KEPT });
});

test('a page that is no web site is refused with a reason: an extension page, about:blank', async () => {
  const ownTab = await b.ext.evaluate(async () => (await browser.tabs.getCurrent()).id);
  assert.match(await refusalFor(b, ownTab), /This is not a web site \(moz-extension: page\)/);
  const blank = await b.ext.evaluate(async () => (await browser.tabs.create({ url: 'about:blank', active: false })).id);
  assert.match(await refusalFor(b, blank), /This is not a web site \(about: page\)/);
});

test('the popup opened again still offers Undo of a.carrd.co\'s deletion, which puts its cookies back in every store and partition', async () => {
  const { offered, outcome } = await undoFromReopenedPopup(b, SITE_A);
  assert.match(offered, /^a\.carrd\.co's data was deleted at .+: Undo puts back its 4 cookies in this browser\.$/);
  assert.equal(outcome, 'a.carrd.co: 4 of 4 cookies restored in this browser. Its storage stays deleted.');
  assert.deepEqual(await cookieNames(b), everyCookie().filter((n) => !namesOf(SUFFIX).includes(n)));
  assert.deepEqual(await storageByHost(b), { [SUFFIX]: GONE, [SITE_A]: GONE, [SITE_B]: KEPT });
});
