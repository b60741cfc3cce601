// Driving the extension's own pages in Firefox. WebDriver BiDi refuses to navigate a tab to a
// moz-extension:// URL, but it does reach a page the extension opened itself: on install the
// background opens the onboarding page in a tab, and BiDi evaluates and clicks in it like in any
// tab. From there the page moves itself to another of the extension's pages, as a link in it would.
// Nothing test-only ships in the extension: a web page can reach none of this.
import { waitFor } from './extension_browser.mjs';

const isExtensionPage = (href) => href.startsWith('moz-extension://');

async function hrefOf(page) {
  try {
    return await page.evaluate(() => location.href);
  } catch {
    return ''; // the page is between two documents
  }
}

// The onboarding tab the extension opened on install (puppeteer's page.url() stays about:blank for
// moz-extension pages, so each page is asked where it is).
export async function onboardingPage(ff) {
  return waitFor('the onboarding tab the extension opens on install', async () => {
    for (const page of await ff.browser.pages()) {
      if ((await hrefOf(page)).endsWith('/pages/onboarding.html')) return page;
    }
    return null;
  }, 30000);
}

// Moves an extension page to `path` (e.g. "pages/popup.html?tab=3") and waits for it to load.
export async function showExtensionPage(page, path) {
  const from = await hrefOf(page);
  if (!isExtensionPage(from)) throw new Error(`not an extension page: ${from}`);
  const target = new URL(`/${path}`, from).href;
  await page.evaluate((url) => location.assign(url), target);
  await waitFor(`${path} to load`, async () => (await hrefOf(page)) === target
    && page.evaluate(() => document.readyState === 'complete').catch(() => false));
  return page;
}

export { askBackground, backgroundReply } from './background_messages.mjs';
