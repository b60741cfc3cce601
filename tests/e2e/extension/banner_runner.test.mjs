// The banner runner (extension/content/banner-answerer.js) on banners of its own in real Chromium,
// for what the real CMPs of banner_answer.test.mjs do not show: a banner inside an open shadow root
// (" >>> "), in a frame, a step that would press an accept-everything control (refused), a control that is not
// there, and a banner that never goes away (given up after the bounded time), each shown again for
// the person. The runner is the extension's file as shipped; the background's two messages are
// answered by the page (the plan is what js/banner-rules.js would hand over, tested in
// tests/extension/banner_rules_test.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launchWithExtension, waitFor } from './extension_browser.mjs';
import { startBannerSites } from './banner_sites.mjs';

const RUNNER = readFileSync(new URL('../../../extension/content/banner-answerer.js', import.meta.url), 'utf8');
let sites;
let browser;

// A banner in an open shadow root: an analytics switch, Save, Accept all; the page keeps what was
// saved, and counts clicks on Accept all.
const SHADOW_BANNER = `document.body.innerHTML = '<h1>Shadow shop</h1><div id="host"></div>';
const root = document.getElementById('host').attachShadow({ mode: 'open' });
root.innerHTML = '<div class="banner" style="position:fixed;bottom:0;padding:20px;background:#eee">'
  + '<label><input type="checkbox" class="analytics"> Analytics</label>'
  + '<button class="save">Save</button> <button class="accept">Accept all</button></div>';
window.saved = null;
window.acceptClicks = 0;
const close = () => { root.querySelector('.banner').hidden = true; };
root.querySelector('.save').onclick = () => { window.saved = { analytics: root.querySelector('.analytics').checked }; close(); };
root.querySelector('.accept').onclick = () => { window.acceptClicks += 1; window.saved = { analytics: true, marketing: true }; close(); };`;

const rule = (more) => ({
  id: 'shadow', name: 'Shadow CMP', detect: ['#host >>> .banner'], banner: ['#host >>> .banner'], done: ['#host >>> .banner'],
  frames: false, frameUrl: '', acceptControls: ['#host >>> .accept'], kind: 'choose', allOrNothing: false,
  steps: [{ set: '#host >>> .analytics', category: 'analytics' }, { click: '#host >>> .save' }], ...more,
});

const ANALYTICS = { functional: false, analytics: true, social: false, marketing: false };

// Starts the shipped runner in a page or frame (`target`) with `rule`; what it reports goes to window.reported.
function inject(target, pageRule, allowed = ANALYTICS) {
  return target.evaluate(([source, setup]) => {
    window.reported = [];
    const chrome = { runtime: { sendMessage: async (msg) => {
      if (msg.what === 'bannerSetup') return { ok: true, result: setup };
      window.reported.push(msg);
      return undefined;
    } } };
    new Function('chrome', source)(chrome);
  }, [RUNNER, { off: false, allowed, rules: [pageRule] }]);
}

// Starts the runner on a fresh page showing the shadow banner; resolves to the page.
async function start(pageRule, allowed) {
  const page = await browser.context.newPage();
  await page.goto('https://www.shadow-shop.example/');
  await page.evaluate(SHADOW_BANNER);
  await inject(page, pageRule, allowed);
  return page;
}

const outcomeOf = (page) => waitFor('the runner\'s outcome', () => page.evaluate(() => window.reported[0]), 15000);

// Runs the runner to its outcome: {page, outcome}.
async function run(pageRule, allowed) {
  const page = await start(pageRule, allowed);
  return { page, outcome: await outcomeOf(page) };
}

const bannerShownAgain = (page) => page.evaluate(() => {
  const banner = document.getElementById('host').shadowRoot.querySelector('.banner');
  return Boolean(banner) && getComputedStyle(banner).opacity === '1' && getComputedStyle(banner).pointerEvents !== 'none';
});

before(async () => {
  sites = await startBannerSites();
  browser = await launchWithExtension({ port: sites.port, extensionDir: null });
});
after(async () => { await browser?.close(); await sites?.close(); });

test('a banner in a shadow root: the switch set to the choice, saved, answered', async () => {
  const { page, outcome } = await run(rule());
  assert.equal(outcome.outcome, 'answered', outcome.reason);
  assert.equal(outcome.cmp, 'shadow');
  assert.ok(Number.isInteger(outcome.ms));
  assert.deepEqual(await page.evaluate(() => [window.saved, window.acceptClicks]), [{ analytics: true }, 0]);
  assert.deepEqual(await page.evaluate(() => document.getElementById('host').shadowRoot.querySelector('.banner').style.cssText),
    'position: fixed; bottom: 0px; padding: 20px; background: rgb(238, 238, 238);', 'answered: the banner\'s own style is back');
});

test('a step that would press an accept-everything control is refused, and the banner shown again', async () => {
  const { page, outcome } = await run(rule({ steps: [{ click: '#host >>> .accept' }] }));
  assert.equal(outcome.outcome, 'gave-up');
  assert.match(outcome.reason, /^refused to click #host >>> \.accept: it accepts everything$/);
  assert.deepEqual(await page.evaluate(() => [window.saved, window.acceptClicks]), [null, 0]);
  assert.equal(await bannerShownAgain(page), true);
});

test('a control that is not there: gave up naming it; an optional one is skipped', async () => {
  const missing = await run(rule({ kind: 'rejectAll', steps: [{ click: '#host >>> .reject' }] }));
  assert.deepEqual([missing.outcome.outcome, missing.outcome.reason], ['gave-up', 'nothing matches #host >>> .reject']);
  assert.equal(await bannerShownAgain(missing.page), true);
  const skipped = await run(rule({ steps: [{ click: '#host >>> .reject', optional: true }, { click: '#host >>> .save' }] }));
  assert.equal(skipped.outcome.outcome, 'answered', skipped.outcome.reason);
});

test('a banner that never goes away: hidden while the runner waits, given up within the bounded time, shown again', async () => {
  const page = await start(rule({ steps: [] }));
  await waitFor('the banner hidden while answering', () => page.evaluate(() => {
    const style = getComputedStyle(document.getElementById('host').shadowRoot.querySelector('.banner'));
    return style.opacity === '0' && style.pointerEvents === 'none';
  }));
  const outcome = await outcomeOf(page);
  assert.equal(outcome.outcome, 'gave-up');
  assert.match(outcome.reason, /^no answer within 5 s: the banner was still shown after the steps$/);
  assert.equal(await bannerShownAgain(page), true);
});

test('in frames: a frame\'s banner is answered; a frame without one reports nothing, the main frame "none"', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.shadow-shop.example/');
  await page.evaluate(() => {
    document.body.innerHTML = '<iframe src="https://cmp.shadow-cdn.example/banner"></iframe><iframe src="https://ads.shadow-cdn.example/"></iframe>';
    return Promise.all([...document.querySelectorAll('iframe')].map((f) => new Promise((resolve) => { f.onload = resolve; })));
  });
  const [withBanner, without] = page.frames().slice(1);
  await withBanner.evaluate(SHADOW_BANNER);
  await inject(withBanner, rule());
  await inject(without, rule());
  await inject(page, rule());
  const framed = await outcomeOf(withBanner);
  assert.equal(framed.outcome, 'answered', framed.reason);
  assert.deepEqual(await withBanner.evaluate(() => window.saved), { analytics: true });
  assert.deepEqual(await outcomeOf(page), { what: 'bannerOutcome', outcome: 'none' });
  assert.deepEqual(await without.evaluate(() => window.reported), [], 'only the main frame says there is no CMP');
});
