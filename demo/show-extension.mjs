#!/usr/bin/env node
// Shows the extension at work on the demo shop, in real Chromium: which of the shop's tags reached
// their vendor and which cookies exist, first with "necessary only", then with analytics allowed for
// the shop alone. Prints the tables, saves screenshots in build/demo/, and with a display ($DISPLAY)
// leaves the browser open until Ctrl-C.
// Needs the packaged extension: node scripts/build-extension.mjs (see extension/README.md).
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXTENSION_DIR, launchWithExtension, waitForEnforcement } from '../tests/e2e/extension/extension_browser.mjs';
import { startDemoServer, SHOP_HOST, NEWS_HOST } from './site/server.mjs';
import { TAGS } from './site/tags.mjs';

const OUT = fileURLToPath(new URL('../build/demo/', import.meta.url));
const TRACKER_COOKIES = ['_ga', '_ga_DEMO123', '_gid', '_fbp', '_gcl_au', '_aw_m_12345', 'Hm_lvt_0123456789abcdef'];

if (!existsSync(`${EXTENSION_DIR}/engine/engine.bin`)) {
  console.error(`No packaged extension in ${EXTENSION_DIR}: run node scripts/build-extension.mjs first.`);
  process.exit(1);
}

async function visitAndTell(browser, demo, url, title) {
  const page = await browser.context.newPage();
  const since = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => Promise.all([window.__sessionCheck, window.__collect].filter(Boolean)));
  await new Promise((r) => setTimeout(r, 1000)); // let the cookie backstop act before reading the jar
  console.log(`\n${title} — ${url}`);
  for (const tag of TAGS) {
    const u = new URL(tag.url);
    const reached = demo.log.some((e) => e.at >= since && e.host === u.host && e.path === u.pathname);
    const embedded = await page.evaluate((src) => [...document.scripts].some((s) => s.src === src), tag.url);
    if (embedded) console.log(`  ${reached ? 'loaded ' : 'BLOCKED'}  ${tag.category.padEnd(10)} ${tag.vendor.padEnd(18)} ${u.host}${u.pathname}`);
  }
  const jar = (await browser.context.cookies(url)).map((c) => c.name);
  console.log(`  cookies in the jar: ${jar.join(', ') || '(none)'}`);
  const trackers = TRACKER_COOKIES.filter((n) => jar.includes(n));
  console.log(`  tracker cookies:    ${trackers.join(', ') || 'none'}`);
  return page;
}

const demo = await startDemoServer();
const browser = await launchWithExtension({ port: demo.port, headless: !process.env.DISPLAY });
await waitForEnforcement(browser);
mkdirSync(OUT, { recursive: true });

const shop = await visitAndTell(browser, demo, `https://${SHOP_HOST}/`, 'Necessary only (nothing chosen yet)');
await shop.screenshot({ path: `${OUT}shop-necessary-only.png` });
const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://www.shop.example/*' }))[0]?.id);
const popup = await browser.context.newPage();
await popup.setViewportSize({ width: 380, height: 640 });
await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
await popup.locator('.category[data-category=analytics] .switch').click();
await popup.locator('.category[data-category=analytics] .pill', { hasText: 'This site' }).waitFor();
await popup.screenshot({ path: `${OUT}popup-shop.png` });
await popup.close();

await visitAndTell(browser, demo, `https://${SHOP_HOST}/`, 'Analytics allowed for shop.example only');
await visitAndTell(browser, demo, `https://${NEWS_HOST}/`, 'The same analytics tag on another site');
console.log(`\nScreenshots: ${OUT}`);

if (process.env.DISPLAY) {
  console.log('The browser stays open; Ctrl-C ends the demo.');
  process.on('SIGINT', async () => { await browser.close(); await demo.close(); process.exit(0); });
} else {
  await browser.close();
  await demo.close();
}
