// What the banner e2e tests read of a page and of the tab's report, shared by both scenarios.
import assert from 'node:assert/strict';
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

// Answers switched off on the site: the banner stays as the site shows it (the "before" screenshot)
// and the CMP's own record (`recordExpr`, read in the page) is empty. The page is left open.
export async function unansweredWhenOff(d, cmp, recordExpr) {
  await d.ask('setBannerOff', { site: cmp.site, off: true });
  const before = await d.open(`https://${cmp.host}/`);
  const off = await outcomeIn(d, cmp.host, () => true);
  assert.deepEqual([off.outcome.outcome, off.outcome.cmp], ['off', cmp.id]);
  await waitFor('the banner as the site shows it', () => before.evaluate(bannerShown(cmp.banner)));
  await d.shot(before, `banner-${cmp.id}-before.png`);
  assert.equal(await before.evaluate(recordExpr), null, 'not answered: nothing stored');
  return { before, off };
}
