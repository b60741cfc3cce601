// The steps the Chromium and Firefox GPC tests share (gpc_signal.test.mjs,
// firefox_gpc_signal.test.mjs), on the probe site of gpc_site.mjs: each browser gets there its own
// way (DNR session rules, webRequest), and must then show the same. `newPage()` opens a tab.
import assert from 'node:assert/strict';
import { waitFor } from './extension_browser.mjs';
import { visitProbe } from './gpc_site.mjs';

export const NEWS = 'www.news.example';
export const SHOP = 'www.shop.example';

const BOTH = { '/': '1', '/probe': '1' };
const NEITHER = { '/': null, '/probe': null };

// The frame's requests once both (document, fetch) reached the server.
function framedRequests(site, host, since) {
  const seen = site.headersSeen(host, since);
  return '/' in seen && '/probe' in seen ? seen : null;
}

// A refusing site's page: the header on the document and the fetch, the property from the first script.
export async function assertSignalSent(site, page, host) {
  const since = Date.now();
  assert.deepEqual(await visitProbe(page, `https://${host}/`), { atFirstScript: true, now: true });
  assert.deepEqual(site.headersSeen(host, since), BOTH);
}

// Once the person allowed marketing on the shop: neither there, while news.example still gets both.
export async function assertShopAllowedNewsRefused(site, newPage) {
  const shop = await newPage();
  const since = Date.now();
  assert.deepEqual(await visitProbe(shop, `https://${SHOP}/`), { atFirstScript: false, now: false });
  assert.deepEqual(site.headersSeen(SHOP, since), NEITHER);
  await assertSignalSent(site, await newPage(), NEWS);
}

// An iframe follows the tab's top-level site: the shop framed by news sends it, news framed by the shop does not.
export async function assertFramesFollowTopSite(site, page) {
  let since = Date.now();
  await visitProbe(page, `https://${NEWS}/?frame=https://${SHOP}/`);
  assert.deepEqual(await waitFor('the shop frame\'s fetch', () => framedRequests(site, SHOP, since)), BOTH);
  since = Date.now();
  await visitProbe(page, `https://${SHOP}/?frame=https://${NEWS}/`);
  assert.deepEqual(await waitFor('the news frame\'s fetch', () => framedRequests(site, NEWS, since)), NEITHER);
}
