// What the banner e2e tests read of a page and of the tab's report, shared by both scenarios.
import { waitFor } from './extension_browser.mjs';

// A page expression: the banner matched by `selector` is laid out and seen (neither it nor an
// ancestor hidden or at opacity 0, which is how the runner hides a banner while it answers).
export const bannerShown = (selector) => `(() => {
  const el = document.querySelector(${JSON.stringify(selector)});
  if (!el || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') return false;
  for (let node = el; node; node = node.parentElement) if (getComputedStyle(node).opacity === '0') return false;
  return true;
})()`;

// The tab's banner outcome once the page reported one that `settled` accepts.
export async function outcomeIn(d, host, settled) {
  const tabId = await d.tabIdOf(host);
  const outcome = await waitFor(`the banner outcome on ${host}`, async () => {
    const banner = (await d.ask('getTabReport', { tabId }))?.banner;
    return banner && settled(banner) ? banner : null;
  }, 30000);
  return { tabId, outcome };
}
