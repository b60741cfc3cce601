// A big sweep in real Chromium shows how far it is and can be cancelled: 600 sites each stored
// _ga, _gid, _fbp, _gcl_au (refused under "necessary only") and a session id (kept) while everything
// was allowed. The options page previews 2,400 cookies; Apply shows "Removing N of 2,400…" with a
// Cancel; Cancel stops the removal at a slice boundary; the result says how many went, and the jar
// holds exactly the others; Undo puts back exactly the ones that went.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { askBackground, launchWithExtension, waitFor, waitForEnforcement } from './extension_browser.mjs';
import { sweepShown } from './sweep_scenario.mjs';

const SITES = 600;
const REFUSED = ['_ga', '_gid', '_fbp', '_gcl_au'];
const ALLOW_ALL = { functional: 'allow', analytics: 'allow', social: 'allow', marketing: 'allow' };
// The sweep removes in slices of this many (cookie-sweep.js): it stops only between two.
const SLICE = 250;

let browser;
let options;
let planted;

// "domain name value" of every cookie in the jar, sorted.
const jar = () => options.evaluate(async () => (await chrome.cookies.getAll({ partitionKey: {} })).map((c) => `${c.domain} ${c.name} ${c.value}`).sort());
const refusedIn = (cookies) => cookies.filter((c) => !c.split(' ')[1].startsWith('sid'));

before(async () => {
  browser = await launchWithExtension({ port: 9 });
  await waitForEnforcement(browser);
  options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('pages/options.html'), { waitUntil: 'load' });
  await askBackground(options, 'setDefaults', { defaults: ALLOW_ALL });
  const expires = Math.floor(Date.now() / 1000) + 3600;
  await browser.context.addCookies(Array.from({ length: SITES }, (_, i) => [...REFUSED, 'sid'].map((name) => ({
    name, value: `v${i}`, domain: `.site${i}.example`, path: '/', secure: true, sameSite: 'Lax', ...(name === 'sid' ? {} : { expires }) }))).flat());
  planted = await jar();
  assert.equal(planted.length, SITES * 5);
});
after(async () => { await browser?.close(); });

test('Apply shows the removal\'s progress with a Cancel; Cancel stops it at a slice boundary and says how many went', async () => {
  await options.reload({ waitUntil: 'load' });
  await options.click('#defaults-necessary');
  assert.match(await sweepShown(options, '.sweep-preview'), /^Already stored in this browser: 2400 cookies of refused categories on 600 sites/);
  await options.click('.sweep-apply');
  const progress = await waitFor('a progress line past the first slice', () => options.evaluate(() => {
    const text = document.querySelector('#sweep .sweep-removing')?.textContent ?? '';
    return /^Removing [1-9][\d,]* of 2,400…$/.test(text) ? text : null;
  }), 60000);
  assert.match(progress, /^Removing [\d,]+ of 2,400…$/);
  assert.equal(await options.locator('#sweep .sweep-stop').textContent(), 'Cancel');
  await options.click('#sweep .sweep-stop');
  const result = await sweepShown(options, '.sweep-result');
  const match = /^Removed from this browser: (\d+) cookies of refused categories on (\d+) sites \(.*\)\. Cancelled after ([\d,]+) of 2,400: the others are still stored\.$/.exec(result);
  assert.ok(match, result);
  const went = Number(match[1]);
  assert.equal(Number(match[3].replace(/,/g, '')), went);
  assert.ok(went > 0 && went < 2400 && went % SLICE === 0, `stopped after ${went}`);
  const left = await jar();
  assert.equal(refusedIn(left).length, 2400 - went, 'the cookies not reached are still stored');
  assert.equal(left.length - refusedIn(left).length, SITES, 'every session id kept');
  assert.ok(left.every((c) => planted.includes(c)), 'nothing changed of what stayed');
});

test('Undo after a cancel puts back exactly the cookies that went', async () => {
  const before_ = await jar();
  const went = 2400 - refusedIn(before_).length;
  await options.click('#sweep .sweep-undo');
  assert.equal(await sweepShown(options, '.sweep-undone'), `${went} of ${went} cookies put back. Sites that write them again meet your choices.`);
  assert.deepEqual(await jar(), planted);
});
