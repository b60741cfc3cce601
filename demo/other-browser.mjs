// "Another browser on this computer" for the Delete step: a Google Chrome profile (the folder
// decides what the native host takes it for) written by a real Chromium visit to the demo sites
// without Cookie Warden, so it holds the shop's and the news site's cookies as any browser would.
import { join } from 'node:path';
import { launchWithExtension } from '../tests/e2e/extension/extension_browser.mjs';
import { sqliteRows } from '../tests/e2e/lib/sqlite_probe.mjs';

export async function writeOtherBrowserProfile({ home, port, urls }) {
  const plain = await launchWithExtension({ port, extensionDir: null, userDataDir: home.otherBrowserDir, env: home.env });
  try {
    const page = await plain.context.newPage();
    for (const url of urls) {
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => Promise.all([window.__sessionCheck, window.__collect].filter(Boolean)));
    }
  } finally {
    await plain.close(); // closing writes the cookie file
  }
  return { name: 'Google Chrome', cookieFile: join(home.otherBrowserDir, 'Default', 'Cookies') };
}

// Cookie names the profile holds for a registrable domain, read from its SQLite file.
export function cookiesFor(other, site) {
  return sqliteRows(other.cookieFile, `SELECT name FROM cookies WHERE host_key = '${site}' OR host_key LIKE '%.${site}' ORDER BY name`,
    { readonly: true }).map(([name]) => name);
}
