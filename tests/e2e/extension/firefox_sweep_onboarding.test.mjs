// sweep_onboarding.test.mjs in Firefox ESR, plus a container: the shop stored its cookies in the
// default store and in the "Personal" container (its tab closed again) before Cookie Warden was
// installed. "Necessary only" on the onboarding page sweeps the refused ones in both stores, the
// vendor's cookie partitioned under the shop (Total Cookie Protection) included; Undo brings them back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchFirefoxWithExtension } from './firefox_browser.mjs';
import { onboardingPage } from './firefox_extension_page.mjs';
import { chooseNecessaryOnly, jar, namesIn, shopReceives, undoSweep } from './sweep_scenario.mjs';
import { NECESSARY, PARTITIONED, REFUSED_FIRST_PARTY, SHOP, startSweepSites, visitShop } from './sweep_sites.mjs';

let sites;
let ff;
let b;
let before_;
const inContainer = (names) => names.map((n) => `${n}@container`);
const everyName = (names) => [...names, ...inContainer(names)].sort();

before(async () => {
  sites = await startSweepSites();
  ff = await launchFirefoxWithExtension({ port: sites.port, install: false });
  const page = await ff.browser.newPage();
  await visitShop(page);
  await page.goto(`https://${SHOP}/show`, { waitUntil: 'load' });
  // WebDriver BiDi names Firefox's built-in containers as user contexts: the first is "Personal".
  const personal = await ff.browser.browserContexts().find((c) => c.id)?.newPage();
  await visitShop(personal);
  await personal.close();
  await ff.install();
  b = { ext: await onboardingPage(ff), newPage: () => ff.browser.newPage() };
});
after(async () => { await ff?.close(); await sites?.close(); });

test('before the choice: the cookies stored before the install are in the default store and the container', async () => {
  before_ = await jar(b);
  assert.deepEqual(namesIn(before_), everyName([...NECESSARY, ...REFUSED_FIRST_PARTY, PARTITIONED]));
  assert.ok(before_.filter((c) => c.name === PARTITIONED).every((c) => c.partition === `https://${SHOP}`));
});

test('"necessary only" on the onboarding page sweeps the refused cookies in every store and partition; the necessary ones stay', async () => {
  const result = await chooseNecessaryOnly(b);
  assert.equal(result, 'Removed from this browser: 10 cookies of refused categories on 1 site (Analytics 4, Marketing 6).');
  assert.deepEqual(namesIn(await jar(b)), everyName(NECESSARY));
  assert.deepEqual(await shopReceives(b), NECESSARY);
});

test('Undo puts every swept cookie back as it was, the container\'s too', async () => {
  assert.equal(await undoSweep(b.ext), '10 of 10 cookies put back. Sites that write them again meet your choices.');
  assert.deepEqual(await jar(b), before_);
  assert.deepEqual(await shopReceives(b), [...NECESSARY, ...REFUSED_FIRST_PARTY].sort());
});
