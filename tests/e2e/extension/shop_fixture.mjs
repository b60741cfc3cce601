// One demo server + one Chromium with the extension for a test file, and what the tests read back:
// which vendor hosts the browser reached, and which cookies the shop ended up with.
import { startDemoServer, SHOP_HOST, NEWS_HOST } from '../../../demo/site/server.mjs';
import { BEACONS, TAGS } from '../../../demo/site/tags.mjs';
import { launchWithExtension, waitForEnforcement } from './extension_browser.mjs';

export { SHOP_HOST, NEWS_HOST };
export const SHOP_URL = `https://${SHOP_HOST}/`;
export const NEWS_URL = `https://${NEWS_HOST}/`;

// Every tracker cookie the demo writes (tags, self-hosted bundle, server-side tagging).
export const TRACKER_COOKIE_NAMES = ['_ga', '_ga_DEMO123', '_gid', '_fbp', '_gcl_au', '_aw_m_12345', 'Hm_lvt_0123456789abcdef', 'Hm_lpvt_0123456789abcdef'];

export function tagsOf(category) {
  return TAGS.filter((t) => (Array.isArray(category) ? category.includes(t.category) : t.category === category));
}

// Log entries of `since` for a tag URL (host + path, query ignored).
export function hits(demo, url, since) {
  const u = new URL(url);
  return demo.log.filter((e) => e.at >= since && e.host === u.host && e.path === u.pathname);
}

export function beaconHits(demo, since, categories) {
  return BEACONS.filter((b) => categories.includes(b.category))
    .flatMap((b) => demo.log.filter((e) => e.at >= since && e.host === b.host && e.path === b.path));
}

export async function startFixture() {
  const demo = await startDemoServer();
  const browser = await launchWithExtension({ port: demo.port });
  const enforcement = await waitForEnforcement(browser);
  return { demo, browser, enforcement, async close() { await browser.close(); await demo.close(); } };
}

// Loads a demo page and waits for its own scripts' asynchronous work (session check, cookieStore
// writes, the server-side tagging call) to finish.
export async function visit(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => Promise.all([window.__sessionCheck, window.__collect].filter(Boolean)));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
}

// A host that only EasyPrivacy lists ("||heap-api.com^", analytics), no built-in vendor: only the
// list's static ruleset (Chromium) or the list compiled into the engine can block it.
export const LIST_ONLY_SCRIPT = 'https://heap-api.com/js/heap-list-probe.js';

// The page loads that script, as a tag manager would; resolves once it loaded or failed.
export async function loadScript(page, url) {
  return page.evaluate((src) => new Promise((resolve) => {
    const script = Object.assign(document.createElement('script'), { src });
    script.onload = script.onerror = () => resolve();
    document.head.append(script);
  }), url);
}

export async function pageCookieNames(page) {
  return page.evaluate(() => document.cookie.split(';').map((c) => c.trim().split('=')[0]).filter(Boolean));
}

export async function cookieStoreNames(page) {
  return page.evaluate(async () => (window.cookieStore ? (await cookieStore.getAll()).map((c) => c.name) : []));
}
