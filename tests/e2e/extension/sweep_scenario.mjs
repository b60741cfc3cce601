// The sweep after a choice, the same in Chromium (Playwright) and Firefox (Puppeteer over BiDi):
// `b` is { ext: the onboarding page the extension opened, newPage() }. The shop of sweep_sites.mjs
// stored its cookies before the extension was installed.
import { waitFor } from './extension_browser.mjs';
import { everyCookie } from './suffix_delete_scenario.mjs';
import { SHOP } from './sweep_sites.mjs';

// What identifies a cookie and what Undo must bring back unchanged, sorted.
export async function jar(b) {
  return (await everyCookie(b)).map((c) => ({
    name: c.name, value: c.value, domain: c.domain, path: c.path, store: c.storeId, httpOnly: c.httpOnly, secure: c.secure,
    session: c.session, expires: c.session ? null : Math.floor(c.expirationDate), partition: c.partitionKey?.topLevelSite ?? null,
  })).sort((x, y) => `${x.store} ${x.name} ${x.domain}`.localeCompare(`${y.store} ${y.name} ${y.domain}`));
}

export const namesIn = (cookies) => cookies.map((c) => (c.store.startsWith('firefox-container') ? `${c.name}@container` : c.name)).sort();

// The sweep panel of an extension page once it shows `selector` (a preview, a result, an undo).
export function sweepShown(page, selector) {
  return waitFor(`the sweep panel's ${selector}`, () => page.evaluate((sel) => {
    const box = document.getElementById('sweep');
    return box.hidden ? null : box.querySelector(sel)?.textContent ?? null;
  }, selector), 30000);
}

// "Necessary only (recommended)" on the onboarding page: the sweep's result (a handful or fewer).
export async function chooseNecessaryOnly(b) {
  await b.ext.click('#necessary-only');
  return sweepShown(b.ext, '.sweep-result');
}

export async function undoSweep(page) {
  await page.click('.sweep-undo');
  return sweepShown(page, '.sweep-undone');
}

// The names of the cookies the browser sends the shop (the page's scripts may not read refused
// ones: the cookie guard hides them).
export async function shopReceives(b) {
  const page = await b.newPage();
  await page.goto(`https://${SHOP}/show`, { waitUntil: 'load' });
  const names = await page.evaluate(() => document.getElementById('sent').textContent.split(' ').filter(Boolean));
  await page.close();
  return names;
}
