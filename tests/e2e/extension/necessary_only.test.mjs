// Necessary only (what applies before the person chooses): in real Chromium with the packaged
// extension, on the demo shop. The demo server's request log says which tags reached their vendor;
// the cookie jar and the page's own view say which cookies exist.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { waitFor } from './extension_browser.mjs';
import { LIST_ONLY_SCRIPT, SHOP_URL, TRACKER_COOKIE_NAMES, beaconHits, cookieStoreNames, hits, loadScript, pageCookieNames, startFixture, tagsOf, visit } from './shop_fixture.mjs';

let fx;
let page;
let since;

before(async () => {
  fx = await startFixture();
  page = await fx.browser.context.newPage();
  since = Date.now();
  await visit(page, SHOP_URL);
});
after(async () => fx?.close());

test('Chromium gives the extension the id of extension/ids.json (manifest key)', () => {
  const ids = JSON.parse(readFileSync(new URL('../../../extension/ids.json', import.meta.url), 'utf8'));
  assert.equal(fx.browser.extensionId, ids.chromium);
});

test('the onboarding page opens on install', async () => {
  const onboarding = await waitFor('the onboarding tab', () => fx.browser.context.pages().find((p) => p.url().endsWith('/pages/onboarding.html')));
  assert.ok(onboarding);
});

test('necessary vendors\' scripts reach their servers', () => {
  for (const tag of tagsOf('necessary')) assert.equal(hits(fx.demo, tag.url, since).length, 1, `${tag.vendor} (${tag.url}) should load`);
});

test('no analytics, social media or marketing script or beacon reaches its server', () => {
  for (const tag of tagsOf(['functional', 'analytics', 'social', 'marketing'])) {
    assert.deepEqual(hits(fx.demo, tag.url, since), [], `${tag.vendor} (${tag.url}) must be blocked`);
  }
  assert.deepEqual(beaconHits(fx.demo, since, ['analytics', 'social', 'marketing']), []);
});

test('a script only EasyPrivacy lists is blocked by the analytics static ruleset', async () => {
  const vendors = readFileSync(new URL('../../../engine/rules/vendors.json', import.meta.url), 'utf8');
  assert.ok(!vendors.includes('heap-api.com'), 'the probe host must not be a built-in vendor host');
  const enabled = await fx.browser.worker.evaluate(() => chrome.declarativeNetRequest.getEnabledRulesets());
  assert.ok(enabled.includes('warden_analytics'), enabled.join(', '));
  const at = Date.now();
  await loadScript(page, LIST_ONLY_SCRIPT);
  assert.deepEqual(hits(fx.demo, LIST_ONLY_SCRIPT, at), [], `${LIST_ONLY_SCRIPT} must be blocked`);
});

test('no tracker cookie is in the jar, however it was written', async () => {
  // _gcl_au arrives by Set-Cookie; the backstop removes it asynchronously, so wait for the outcome.
  const left = await waitFor('the jar to hold no tracker cookie', async () => {
    const names = (await fx.browser.context.cookies(SHOP_URL)).map((c) => c.name);
    return TRACKER_COOKIE_NAMES.some((n) => names.includes(n)) ? null : names;
  });
  assert.ok(left.includes('shop_session'));
});

test('no tracker cookie is readable by the page (document.cookie and cookieStore)', async () => {
  const seen = [...(await pageCookieNames(page)), ...(await cookieStoreNames(page))];
  for (const name of TRACKER_COOKIE_NAMES) assert.ok(!seen.includes(name), `${name} readable by the page: ${seen.join(', ')}`);
});

test('the cookie guard stopped script writes before they reached the jar, in the page and its about:blank frame', async () => {
  const blocked = await page.evaluate(() => self[Symbol.for('cookiewarden.guard.blocked')]?.map((b) => `${b.how}:${b.name}`) ?? null);
  assert.ok(blocked, 'the guard is installed in the page');
  assert.ok(blocked.includes('document.cookie:_fbp'), blocked.join(', '));
  assert.ok(blocked.includes('cookieStore.set:Hm_lvt_0123456789abcdef'), blocked.join(', '));
  const frameBlocked = await page.evaluate(() => document.querySelector('iframe').contentWindow[Symbol.for('cookiewarden.guard.blocked')]?.map((b) => b.name) ?? null);
  assert.deepEqual(frameBlocked, ['_gid']);
  assert.equal(await page.evaluate(() => window.__guardBeforeInline), true, 'guard in place before the first inline script');
});

test('the shop\'s own session and cookies keep working', async () => {
  const session = await page.evaluate(() => window.__sessionCheck);
  assert.match(session.session ?? '', /^s-/);
  const names = await pageCookieNames(page);
  assert.ok(names.includes('cart_id'), names.join(', '));
  assert.ok((await cookieStoreNames(page)).includes('shop_theme'));
  const jar = (await fx.browser.context.cookies(SHOP_URL)).map((c) => c.name);
  for (const n of ['shop_session', '__cf_bm', 'cart_id', 'shop_theme']) assert.ok(jar.includes(n), `${n} missing from ${jar.join(', ')}`);
});
