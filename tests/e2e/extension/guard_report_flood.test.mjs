// A page can forge the cookie guard's report events (content/guard-reporter.js) with names of any
// length, as often as it likes. They used to go into storage.session, beside the mirror of the
// settings, until the quota was full; a settings write then failed silently and a service-worker
// restart brought back the old choice. Here the shop page sends such events, each sized to take
// what is left of the quota (as measured from the worker), then the person makes choices, the
// worker is stopped, and the choices must all hold.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { askBackground, waitFor } from './extension_browser.mjs';
import { SHOP_URL, startFixture, visit } from './shop_fixture.mjs';

let fx;
let ext;
let cdp;
let stopped = false;

const ask = (what, payload = {}) => askBackground(ext, what, payload);
const sessionBytes = () => fx.browser.worker.evaluate(async () => ({
  used: await chrome.storage.session.getBytesInUse(null), quota: chrome.storage.session.QUOTA_BYTES,
}));
// Long, valid site names: each choice adds about 90 bytes to the settings, 3.6 KB in all.
const SITES = Array.from({ length: 40 }, (_, i) => `${'n'.repeat(55)}-${i}.example`);

before(async () => {
  fx = await startFixture();
  ext = await fx.browser.context.newPage();
  await ext.goto(fx.browser.extensionUrl('pages/options.html'));
  cdp = await fx.browser.context.newCDPSession(ext);
  await cdp.send('ServiceWorker.enable');
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    if (versions.some((v) => v.runningStatus === 'stopped')) stopped = true;
  });
});
after(async () => fx?.close());

test('a page filling the session quota with forged guard reports cannot make a worker restart revert a choice', async () => {
  await ask('setSiteChoice', { site: 'shop.example', category: 'analytics', action: 'allow' });
  const shop = await fx.browser.context.newPage();
  await visit(shop, SHOP_URL);
  const { used: start, quota } = await sessionBytes();
  let used = start;
  for (let round = 0; round < 12 && quota - used > 3000; round++) {
    // The name lands twice (the tab's report and the decision log): aim under what is left.
    const size = Math.floor((quota - used - 2000) / 2.5);
    await shop.evaluate((n) => document.dispatchEvent(new CustomEvent('cookiewarden:guard-blocked',
      { detail: JSON.stringify([{ name: 'x'.repeat(n), how: 'document.cookie' }]) })), size);
    // Saving is debounced (the report and the log apart). The page stops once its reports no longer
    // take more room.
    const grew = await waitFor('the reports to be saved', async () => (await sessionBytes()).used > used, 10000).catch(() => false);
    if (!grew) break;
    used = await waitFor('the figure to settle', async () => {
      const first = (await sessionBytes()).used;
      await new Promise((r) => setTimeout(r, 600));
      return first === (await sessionBytes()).used && first;
    });
  }
  console.log(`session storage: ${start} bytes before the page's reports, ${used} of ${quota} after`);

  for (const site of SITES) {
    const reply = await ask('setSiteChoice', { site, category: 'marketing', action: 'allow' });
    assert.ok(reply.saved !== false, `${site}: ${JSON.stringify(reply)}`);
  }
  await cdp.send('ServiceWorker.stopAllWorkers');
  await waitFor('the worker to stop', () => stopped);
  const { policy } = await ask('getState');
  assert.deepEqual(Object.keys(policy.sites).sort(), ['shop.example', ...SITES].sort());
  assert.deepEqual(policy.sites[SITES.at(-1)], { marketing: 'allow' });
  assert.ok(used - start < 1024 * 1024, `the page's reports took ${used - start} bytes of session storage`);
});
