// A settings file exported by an earlier version (the old shape: unknownThirdParty, a category left
// out of defaults meaning "block") imported on the options page of real Chromium: the extension
// stores the policy it meant, the engine then decides by it on the shop, a site added to the
// keep-list on the options page is part of the policy, and the exported policy is read unchanged by
// `cookiewarden classify --policy`, which decides as the browser did. The options page with the
// kept site is saved under build/screenshots/extension/ for review.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { COOKIEWARDEN } from '../lib/cookiewarden_cli.mjs';
import { askBackground, waitFor } from './extension_browser.mjs';
import { SHOP_URL, hits, startFixture, tagsOf, visit } from './shop_fixture.mjs';

const FIXTURES = fileURLToPath(new URL('../../fixtures/policy/', import.meta.url));
const OLD_EXPORT = join(FIXTURES, 'old/export_partial_defaults.json');
const MIGRATED = JSON.parse(readFileSync(join(FIXTURES, 'migrations.json'), 'utf8'))['export_partial_defaults.json'];
const GTAG = tagsOf('analytics').find((t) => t.id === 'gtag').url;
const MARKETING = tagsOf('marketing').map((t) => t.url);
const FACEBOOK_SDK = tagsOf('social').find((t) => t.id === 'facebook-sdk').url;
const SHOTS = fileURLToPath(new URL('../../../build/screenshots/extension/', import.meta.url));

let fx;
let options;

async function state() {
  return askBackground(options, 'getState');
}

before(async () => {
  fx = await startFixture();
  options = await fx.browser.context.newPage();
  await options.goto(fx.browser.extensionUrl('pages/options.html#backup'));
});
after(async () => fx?.close());

test('an old export imported on the options page becomes the policy it meant', async () => {
  // What the old file says: analytics allowed by default, every other category left out (blocked),
  // and social allowed on the shop.
  assert.equal(JSON.parse(readFileSync(OLD_EXPORT, 'utf8')).format, 'cookiewarden-settings');
  await options.locator('#import').setInputFiles(OLD_EXPORT);
  await waitFor('the import', async () => /^Imported export_partial_defaults\.json: defaults, 1 site with its own choices and 0 kept sites\./
    .test(await options.locator('#backup-result').innerText()));
  const { policy, chosen } = await state();
  assert.deepEqual({ policy, chosen }, MIGRATED);
});

test('the engine decides by the imported policy: analytics and social load on the shop, marketing stays blocked', async () => {
  const shop = await fx.browser.context.newPage();
  const since = Date.now();
  await visit(shop, SHOP_URL);
  assert.equal(hits(fx.demo, GTAG, since).length, 1, 'gtag.js reached the server (analytics allowed by the old export)');
  assert.equal(hits(fx.demo, FACEBOOK_SDK, since).length, 1, 'the Facebook SDK reached the server (social allowed on the shop)');
  // The Meta Pixel shares the SDK's host: the shop's social allow must not let it through.
  for (const url of MARKETING) assert.deepEqual(hits(fx.demo, url, since), [], `${url}: a category the old export left out is blocked`);
  await shop.close();
});

test('the keep-list is edited on the options page and is part of the policy', async () => {
  await options.locator('.tabs button[data-tab=sites]').click();
  await options.locator('#keep-site').fill('localhost');
  await options.locator('#keep-form button').click();
  await waitFor('the refusal', async () => /^Not kept: not a site/.test(await options.locator('#keep-error').innerText()));
  await options.locator('#keep-site').fill('https://www.bank.example/login');
  await options.locator('#keep-form button').click();
  await waitFor('the kept site', async () => (await options.locator('#kept tbody td').first().innerText()) === 'bank.example');
  assert.equal(await options.locator('#keep-error').isHidden(), true);
  assert.deepEqual((await state()).policy.keep, ['bank.example']);
  await options.locator('#kept tbody button').click();
  await waitFor('the removal', async () => (await options.locator('#kept tbody td').first().innerText()) === 'No kept sites.');
  await options.locator('#keep-site').fill('bank.example');
  await options.locator('#keep-form button').click();
  await waitFor('the kept site again', async () => (await state()).policy.keep.length === 1);
  mkdirSync(SHOTS, { recursive: true });
  await options.setViewportSize({ width: 1000, height: 760 });
  await options.screenshot({ path: SHOTS + 'options-kept.png', fullPage: true });
});

test('the exported policy is what cookiewarden --policy reads, and it decides as the browser did', async () => {
  await options.locator('.tabs button[data-tab=backup]').click();
  const [download] = await Promise.all([options.waitForEvent('download'), options.locator('#export').click()]);
  assert.equal(download.suggestedFilename(), 'cookiewarden-policy.json');
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  assert.deepEqual(JSON.parse(text), { ...MIGRATED.policy, keep: ['bank.example'] });
  const dir = mkdtempSync(join(tmpdir(), 'cw-policy-'));
  writeFileSync(join(dir, 'policy.json'), text);
  const lines = [GTAG, FACEBOOK_SDK, ...MARKETING].map((url) => JSON.stringify({ url, top_url: SHOP_URL, type: 'script' }));
  const run = spawnSync(COOKIEWARDEN, ['classify', '--policy', join(dir, 'policy.json')],
    { input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const actions = run.stdout.trim().split('\n').map((line) => JSON.parse(line).action);
  assert.deepEqual(actions, ['allow', 'allow', ...MARKETING.map(() => 'block')], run.stdout);
});
