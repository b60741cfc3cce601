// "Delete site data" under a private public suffix, the same in Chromium (Playwright) and Firefox
// (Puppeteer over BiDi): both pages answer goto/evaluate/click alike. `b` is
//   { newPage(), ext: an extension page, showPopup(tabId) -> the extension page showing the popup }.
// Cookie names say whose they are (suffix_sites.mjs): srv_a / js_a / chips_a are a.carrd.co's,
// "@container" marks a cookie in a Firefox container.
import { waitFor } from './extension_browser.mjs';
import { EMBEDDER, SITE_A, SITE_B, SUFFIX, tagOf } from './suffix_sites.mjs';
import { readStorage, writeStorage } from './site_storage.mjs';

export const HOSTS = [SUFFIX, SITE_A, SITE_B];

// Each host: its own cookie by HTTP and one by script, a localStorage key and an IndexedDB
// database; a.carrd.co and b.carrd.co also get a cookie partitioned under embedder.example.
export async function seedSites(b) {
  for (const host of HOSTS) {
    const page = await b.newPage();
    await page.goto(`https://${host}/write`, { waitUntil: 'load' });
    await page.evaluate((tag) => { document.cookie = `js_${tag}=1; path=/; max-age=86400; secure`; }, tagOf(host));
    await writeStorage(page);
    await page.close();
  }
  for (const host of [SITE_A, SITE_B]) {
    const page = await b.newPage();
    await page.goto(`https://${EMBEDDER}/embed?src=${encodeURIComponent(`https://${host}/partitioned`)}`, { waitUntil: 'load' });
    await page.close();
  }
}

// Every cookie of the browser, all stores and partitions, as the cookies API lists them.
export async function everyCookie(b) {
  return b.ext.evaluate(async () => {
    const api = chrome; // Firefox has the same promise-based namespace (extension/js/ext.js)
    const firefox = typeof api.runtime.getBrowserInfo === 'function';
    const ids = new Set((await api.cookies.getAllCookieStores()).map((s) => s.id));
    for (const c of (await api.contextualIdentities?.query({})) ?? []) ids.add(c.cookieStoreId);
    const cookies = [];
    for (const storeId of ids) {
      cookies.push(...await api.cookies.getAll(firefox ? { storeId, partitionKey: {}, firstPartyDomain: null } : { storeId, partitionKey: {} }));
    }
    return cookies;
  });
}

// Every cookie of the browser, all stores and partitions, as "name" or "name@container".
export async function cookieNames(b) {
  return (await everyCookie(b)).map((c) => (c.storeId.startsWith('firefox-container') ? `${c.name}@container` : c.name)).sort();
}

// {host: {localStorage, indexedDB}} as a page of each host sees it.
export async function storageByHost(b) {
  const out = {};
  const page = await b.newPage();
  for (const host of HOSTS) {
    await page.goto(`https://${host}/show`, { waitUntil: 'load' });
    out[host] = await readStorage(page);
  }
  await page.close();
  return out;
}

const tabIdOf = (b, host) => b.ext.evaluate(async (h) => {
  return (await chrome.tabs.query({ url: `https://${h}/*` }))[0]?.id;
}, host);

// What the popup shows once its preview is complete.
const previewShown = (popup) => popup.evaluate(() => {
  const box = document.getElementById('preview');
  if (box.hidden || document.getElementById('delete-confirm').disabled) return null;
  const texts = (sel) => [...document.querySelectorAll(sel)].map((n) => n.textContent);
  return { title: texts('#preview-title')[0], suffix: document.getElementById('preview-suffix').hidden ? '' : texts('#preview-suffix')[0],
    cookies: texts('#preview-cookies li'), storage: texts('#preview-storage')[0], elsewhere: texts('#preview-elsewhere li') };
});

const resultShown = (popup) => popup.evaluate(() => {
  const result = document.getElementById('result');
  return !result.hidden && document.getElementById('elsewhere-list').children.length > 0 ? result.textContent : null;
});

// Opens a page of `host`, opens the popup on its tab, asks for the preview, then (unless `confirm`
// is false) confirms: {preview, result, cookiesBeforeConfirm}.
export async function deleteFromPopup(b, host, { confirm = true } = {}) {
  const page = await b.newPage();
  await page.goto(`https://${host}/show`, { waitUntil: 'load' });
  const popup = await b.showPopup(await tabIdOf(b, host));
  await popup.click('#delete');
  const preview = await waitFor('the preview', () => previewShown(popup), 30000);
  const cookiesBeforeConfirm = await cookieNames(b);
  let result = null;
  if (confirm) {
    await popup.click('#delete-confirm');
    result = await waitFor('the outcome', () => resultShown(popup), 30000);
  } else {
    await popup.click('#delete-cancel');
  }
  await page.close();
  return { preview, result, cookiesBeforeConfirm };
}

// The popup on a tab that is no web site: the refusal it shows.
export async function refusalFor(b, tabId) {
  const popup = await b.showPopup(tabId);
  await popup.click('#delete');
  return waitFor('the refusal', () => popup.evaluate(() => {
    const result = document.getElementById('result');
    return !result.hidden && document.getElementById('preview').hidden ? result.textContent : null;
  }));
}

// All the names a host's cookies have in this scenario.
export const namesOf = (host, { container = false, partitioned = false } = {}) => [
  `srv_${tagOf(host)}`, `js_${tagOf(host)}`,
  ...(partitioned ? [`chips_${tagOf(host)}`] : []),
  ...(container ? [`srv_${tagOf(host)}@container`] : []),
];

// The popup opened again on a page of `host` after its deletion: {offered: what it says it can
// undo, outcome: what it says once Undo was clicked}.
export async function undoFromReopenedPopup(b, host) {
  const page = await b.newPage();
  await page.goto(`https://${host}/show`, { waitUntil: 'load' });
  const popup = await b.showPopup(await tabIdOf(b, host));
  const undoLine = () => popup.evaluate(() => (document.getElementById('undo').hidden ? null : document.getElementById('undo-here').textContent));
  const offered = await waitFor('the Undo offer', undoLine);
  await popup.click('#undo-button');
  const outcome = await waitFor('the Undo outcome', async () => {
    const line = await undoLine();
    return line && line !== offered ? line : null;
  }, 30000);
  await page.close();
  return { offered, outcome };
}
