// A native host from before `sweep`: real Chromium with the packaged extension reaches a real
// `cookiewarden` built from this tree's sources with `sweep` left out of its command table
// (cookiewarden_without_sweep, tests/e2e/extension/suite.cmake; CTest passes it in COOKIEWARDEN). That
// is what an older release looks like from the extension: its hello lists no `sweep`, and a sweep
// request is an unknown command. Options, "Other browsers", says to update the native host and
// offers no preview or Apply.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { createFakeHome } from '../lib/fake_home.mjs';
import { launchWithInstalledHost, waitFor } from './extension_browser.mjs';

let home;
let browser;
let options;

before(async () => {
  home = createFakeHome('ext-old-host');
  browser = await launchWithInstalledHost(home, { port: 9 });
  options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('pages/options.html#other-browsers'));
});
after(async () => { await browser?.close(); home?.remove(); });

test('the host answers hello without `sweep`, and refuses a sweep as an unknown command', async () => {
  const answers = await options.evaluate(async () => {
    const { askHost } = await import('/js/native-host.js');
    const hello = await askHost('hello');
    const sweep = await askHost('sweep', { policy: { defaults: {} }, dry_run: true }).then(() => 'answered', (e) => e.code);
    return { capabilities: hello.capabilities, sweep };
  });
  assert.ok(answers.capabilities.includes('delete_site'), JSON.stringify(answers.capabilities));
  assert.ok(!answers.capabilities.includes('sweep'), JSON.stringify(answers.capabilities));
  assert.equal(answers.sweep, 'unknown_command');
});

test('Other browsers says to update the native host and offers neither preview nor Apply', async () => {
  const said = await waitFor('the sweep-unavailable note', () => options.evaluate(() => {
    const note = document.getElementById('sweep-unavailable');
    return note.hidden ? null : note.textContent;
  }));
  assert.match(said, /^Your Cookie Warden app \(version [^)]+\) cannot do this yet: update the native host\.$/);
  assert.equal(await options.locator('#sweep-actions').isHidden(), true);
});
