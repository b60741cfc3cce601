// The sweep in real Chromium: a shop stored its cookies (a session cookie, CSRF, _ga, _gid, _fbp,
// _gcl_au, and a marketing vendor's partitioned IDE) before Cookie Warden was installed. Choosing
// "necessary only" on the onboarding page removes the refused ones and keeps the necessary ones;
// Undo brings them back as they were. Over the threshold, the options page shows what would go
// first and removes it on the click.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { askBackground, launchWithExtension, waitFor, waitForEnforcement } from './extension_browser.mjs';
import { chooseNecessaryOnly, jar, namesIn, shopReceives, sweepShown, undoSweep } from './sweep_scenario.mjs';
import { NECESSARY, PARTITIONED, REFUSED_FIRST_PARTY, SHOP, extraNames, startSweepSites, visitShop } from './sweep_sites.mjs';

let sites;
let profile;
let browser;
let b;
let before_;

// The shop visited with no extension; its tab left on a page that stores nothing, so that the
// restored session does not write the cookies again once the extension is there. "Continue where
// you left off" keeps the session cookie across the restart, as it does for people.
async function visitBeforeInstall() {
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ session: { restore_on_startup: 1 } }));
  const plain = await launchWithExtension({ port: sites.port, extensionDir: null, userDataDir: profile });
  const page = await plain.context.newPage();
  await visitShop(page);
  await page.goto(`https://${SHOP}/show`, { waitUntil: 'load' });
  await plain.close();
}

before(async () => {
  sites = await startSweepSites();
  profile = mkdtempSync(join(tmpdir(), 'cw-sweep-'));
  await visitBeforeInstall();
  browser = await launchWithExtension({ port: sites.port, userDataDir: profile });
  await waitForEnforcement(browser);
  const ext = await waitFor('the onboarding tab', () => browser.context.pages().find((p) => p.url().endsWith('/pages/onboarding.html')));
  b = { ext, newPage: () => browser.context.newPage() };
});
after(async () => {
  await browser?.close();
  await sites?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('before the choice: every cookie the shop stored before the install is in the jar', async () => {
  before_ = await jar(b);
  assert.deepEqual(namesIn(before_), [...NECESSARY, ...REFUSED_FIRST_PARTY, PARTITIONED].sort());
  assert.equal(before_.find((c) => c.name === 'shop_session').session, true);
  assert.equal(before_.find((c) => c.name === PARTITIONED).partition, `https://${SHOP}`);
});

test('"necessary only" on the onboarding page sweeps the refused cookies, the partitioned one included; the necessary ones stay', async () => {
  const result = await chooseNecessaryOnly(b);
  assert.equal(result, 'Removed from this browser: 5 cookies of refused categories on 1 site (Analytics 2, Marketing 3).');
  assert.deepEqual(namesIn(await jar(b)), NECESSARY);
  assert.deepEqual(await shopReceives(b), NECESSARY);
});

test('Undo puts every swept cookie back as it was', async () => {
  assert.equal(await undoSweep(b.ext), '5 of 5 cookies put back. Sites that write them again meet your choices.');
  assert.deepEqual(await jar(b), before_);
  assert.deepEqual(await shopReceives(b), [...NECESSARY, ...REFUSED_FIRST_PARTY].sort());
});

test('over the threshold, the options page shows what would go, removes nothing until the click, then removes it', async () => {
  await askBackground(b.ext, 'setDefaults', { defaults: { functional: 'allow', analytics: 'allow', social: 'allow', marketing: 'allow' } });
  const page = await b.newPage();
  await visitShop(page, 8);
  await page.close();
  const stored = await jar(b);
  assert.deepEqual(namesIn(stored), [...namesIn(before_), ...extraNames(8)].sort());
  const options = await b.newPage();
  await options.goto(browser.extensionUrl('pages/options.html'), { waitUntil: 'load' });
  // Not allowed in incognito (Chromium's default): the options say that those cookies are not swept.
  assert.match(await waitFor('the private windows note', () => options.evaluate(() => {
    const note = document.getElementById('private-note');
    return note.hidden ? null : note.textContent;
  })), /not allowed in private \(incognito\) windows/);
  await options.click('#defaults-necessary');
  assert.equal(await sweepShown(options, '.sweep-preview'),
    'Already stored in this browser: 13 cookies of refused categories on 1 site (Analytics 10, Marketing 3). Nothing is removed until you say so.');
  assert.deepEqual(await jar(b), stored, 'nothing removed before the click');
  await options.click('.sweep-apply');
  assert.equal(await sweepShown(options, '.sweep-result'), 'Removed from this browser: 13 cookies of refused categories on 1 site (Analytics 10, Marketing 3).');
  assert.deepEqual(namesIn(await jar(b)), NECESSARY);
});

test('"necessary only here" in the popup sweeps that site\'s refused cookies, the vendor\'s cookie in its partition included, and nothing of other sites', async () => {
  await askBackground(b.ext, 'setDefaults', { defaults: { functional: 'allow', analytics: 'allow', social: 'allow', marketing: 'allow' } });
  const page = await b.newPage();
  await visitShop(page);
  await page.goto(`https://${SHOP}/show`, { waitUntil: 'load' });
  // Another site's cookie of the same vendor, kept under its own partition: allowed there.
  await browser.context.addCookies([{ name: PARTITIONED, value: 'elsewhere', domain: '.doubleclick.net', path: '/', secure: true,
    sameSite: 'None', expires: Math.floor(Date.now() / 1000) + 3600, partitionKey: 'https://news.example' }]);
  const tabId = await b.ext.evaluate(async (url) => (await chrome.tabs.query({ url }))[0].id, `https://${SHOP}/show`);
  const popup = await b.newPage();
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`), { waitUntil: 'load' });
  await popup.click('#necessary-only');
  assert.equal(await sweepShown(popup, '.sweep-result'), 'Removed from this browser: 5 cookies of refused categories on 1 site (Analytics 2, Marketing 3).');
  const left = await jar(b);
  assert.deepEqual(namesIn(left), [...NECESSARY, PARTITIONED].sort());
  assert.equal(left.find((c) => c.name === PARTITIONED).partition, 'https://news.example');
});

test('when the removed cookies cannot be kept (session storage full), the page says that Undo is not available', async () => {
  await askBackground(b.ext, 'clearSite', { site: SHOP });
  await askBackground(b.ext, 'setDefaults', { defaults: { functional: 'allow', analytics: 'allow', social: 'allow', marketing: 'allow' } });
  const page = await b.newPage();
  await visitShop(page);
  await page.goto(`https://${SHOP}/show`, { waitUntil: 'load' });
  // storage.session holds 10 MB for the whole extension: fill what is left of it, but for less than
  // the six cookies need. The worker writes there too (logs, reports), so a fill sized a moment ago
  // can overflow: measure again and leave a little more room.
  await b.ext.evaluate(async () => {
    for (const room of [64, 256, 1024]) {
      const used = await chrome.storage.session.getBytesInUse(null);
      try {
        await chrome.storage.session.set({ filler: 'x'.repeat(chrome.storage.session.QUOTA_BYTES - used - room) });
        return;
      } catch (e) {
        if (room === 1024) throw e;
      }
    }
  });
  try {
    await b.ext.reload({ waitUntil: 'load' });
    await b.ext.click('#necessary-only');
    assert.equal(await sweepShown(b.ext, '.sweep-no-undo'), 'Undo is not available: the browser refused to keep them (session storage full?).');
    // The shop's five, and the vendor's cookie under news.example (test above), refused by default now.
    assert.equal(await sweepShown(b.ext, '.sweep-result'), 'Removed from this browser: 6 cookies of refused categories on 2 sites (Analytics 2, Marketing 4).');
    assert.deepEqual(namesIn(await jar(b)), NECESSARY);
  } finally {
    await b.ext.evaluate(() => chrome.storage.session.remove('filler'));
  }
});
