// Necessary only in Firefox ESR: there the engine decides every request live (blocking webRequest)
// instead of DNR rules, and the same cookie guard + backstop apply. BiDi cannot open moz-extension
// pages, so this test reads only the outcome: the demo server's log, the jar and the page's view.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startDemoServer } from '../../../demo/site/server.mjs';
import { waitFor } from './extension_browser.mjs';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { SHOP_URL, TRACKER_COOKIE_NAMES, beaconHits, hits, tagsOf } from './shop_fixture.mjs';

let demo;
let ff;
let page;
let since;

before(async () => {
  demo = await startDemoServer();
  ff = await launchFirefoxWithExtension({ port: demo.port });
  page = await ff.browser.newPage();
  // The background registers the guard on install; the first shop visit must see it.
  await waitFor('the extension to guard pages', async () => {
    await page.goto(SHOP_URL, { waitUntil: 'load' });
    return page.evaluate(() => Boolean(self[Symbol.for('cookiewarden.guard')]));
  }, 30000);
  since = Date.now();
  await page.goto(SHOP_URL, { waitUntil: 'load' });
  await page.evaluate(() => Promise.all([window.__sessionCheck, window.__collect]));
});
after(async () => { await ff?.close(); await demo?.close(); });

test('necessary vendors\' scripts reach their servers', () => {
  for (const tag of tagsOf('necessary')) assert.equal(hits(demo, tag.url, since).length, 1, `${tag.vendor} (${tag.url}) should load`);
});

test('no analytics, social media or marketing script or beacon reaches its server', () => {
  for (const tag of tagsOf(['functional', 'analytics', 'social', 'marketing'])) assert.deepEqual(hits(demo, tag.url, since), [], tag.url);
  assert.deepEqual(beaconHits(demo, since, ['analytics', 'social', 'marketing']), []);
});

test('no tracker cookie in the jar or readable by the page; the shop\'s own cookies work', async () => {
  const jar = await waitFor('the jar to hold no tracker cookie', async () => {
    const names = (await page.cookies()).map((c) => c.name);
    return TRACKER_COOKIE_NAMES.some((n) => names.includes(n)) ? null : names;
  });
  for (const n of ['shop_session', '__cf_bm', 'cart_id']) assert.ok(jar.includes(n), `${n} missing from ${jar.join(', ')}`);
  const readable = await page.evaluate(() => document.cookie);
  for (const n of TRACKER_COOKIE_NAMES) assert.doesNotMatch(readable, new RegExp(`(^|; )${n}=`));
  assert.match((await page.evaluate(() => window.__sessionCheck)).session ?? '', /^s-/);
  const blocked = await page.evaluate(() => self[Symbol.for('cookiewarden.guard.blocked')].map((b) => b.name));
  assert.ok(blocked.includes('_fbp'), blocked.join(', '));
});
