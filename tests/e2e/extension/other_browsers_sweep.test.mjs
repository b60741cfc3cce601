// Options, "Apply these choices to my other browsers": real Chromium with the packaged extension
// reaches the built `cookiewarden` (installed into the test profile's NativeMessagingHosts) and
// sweeps a closed Firefox ESR profile that visited two shops with no extension (lib/shop_server).
// The policy sent is the extension's own, its site override included: necessary only, analytics
// allowed on shop-a. The preview changes nothing; Apply removes exactly _ga/_gid/_fbp/_gcl_au of
// shop-b and _fbp/_gcl_au of shop-a from Firefox's cookies.sqlite and keeps every other row; the
// extension's own, running Chromium profile is listed as skipped, untouched.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { withBrowser } from '../lib/browser_session.mjs';
import { exactCookieRows, readCookieRows } from '../lib/cookie_rows.mjs';
import { createFakeHome, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { SHOP_HOSTS, startShopServer } from '../lib/shop_server.mjs';
import { askBackground, launchWithInstalledHost } from './extension_browser.mjs';

const POLICY = {
  defaults: { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' },
  sites: { 'shop-a.test': { analytics: 'allow' } },
  unknown_third_party: 'allow',
  keep: [],
};
const REMOVED = ['.shop-a.test _fbp', '.shop-a.test _gcl_au', '.shop-b.test _fbp', '.shop-b.test _ga', '.shop-b.test _gcl_au', '.shop-b.test _gid'];

let server;
let home;
let firefox;
let browser;
let options;

const names = (profile) => readCookieRows(profile).map((r) => `${r.host} ${r.name}`).sort();

before(async () => {
  server = await startShopServer();
  home = createFakeHome('ext-other-browsers');
  [firefox] = firefoxProfiles(firefoxRoot.legacy(home), ['shopper']);
  await withBrowser(firefox, home.env, SHOP_HOSTS, (page) => server.visitAll(page));
  browser = await launchWithInstalledHost(home, { port: 9 });
  options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('pages/options.html#other-browsers'));
  await askBackground(options, 'importSettings', { settings: POLICY });
});
after(async () => { await browser?.close(); await server?.close(); home?.remove(); });

test('the preview lists every profile and changes nothing', async () => {
  const before = exactCookieRows(firefox);
  await options.locator('#sweep-actions').waitFor();
  await options.click('#sweep-preview');
  await options.locator('#sweep-profiles[data-state=preview]').waitFor({ timeout: 60000 });
  assert.match(await options.locator('#sweep-summary').textContent(), /^6 stored cookies of refused categories would be removed/);
  assert.equal(await options.locator('#sweep-profiles tr[data-profile="firefox/shopper.default"] [data-field=removed]').textContent(), '6');
  assert.equal(await options.locator('#sweep-profiles tr[data-profile="chromium/Default"]').getAttribute('data-result'), 'running');
  assert.deepEqual(exactCookieRows(firefox), before);
});

test('Apply removes exactly the cookies the extension\'s choices refuse, override included', async () => {
  const before = names(firefox);
  for (const row of REMOVED) assert.ok(before.includes(row), row);
  await options.click('#sweep-apply');
  await options.locator('#sweep-profiles[data-state=applied]').waitFor({ timeout: 60000 });
  assert.match(await options.locator('#sweep-summary').textContent(), /^6 cookies removed; some profiles were skipped/);
  assert.deepEqual(names(firefox), before.filter((row) => !REMOVED.includes(row)));
  assert.match(await options.locator('#sweep-profiles tr[data-profile="firefox/shopper.default"]').textContent(), /top vendors: /);
});
