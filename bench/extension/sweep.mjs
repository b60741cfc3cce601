// The extension's sweep of 5,000 stored cookies in real Chromium and Firefox ESR, with the packaged
// extension: 600 sites with _ga, _gid, _fbp, _gcl_au and a session id each, and 400 sites under
// which an ad vendor keeps partitioned cookies (IDE, test_cookie, _ga, _fbp, sid), stored while
// everything was allowed (Chromium keeps at most about 3,300 unpartitioned cookies: partitioned ones
// are counted apart). Then "necessary only" is chosen and the sweep's preview and apply run (4,400
// cookies go). Meanwhile a 1 ms timer runs where the background's events are handled: the longest it
// was held up is the longest task. Prints the figures, asserts nothing.
import { launchWithExtension } from '../../tests/e2e/extension/extension_browser.mjs';
import { launchFirefoxWithExtension } from '../../tests/e2e/extension/firefox_browser.mjs';
import { onboardingPage } from '../../tests/e2e/extension/firefox_extension_page.mjs';

const SITES = 600;
const PARTITIONS = 400;
const NAMES = ['_ga', '_gid', '_fbp', '_gcl_au', 'sid'];
const VENDOR_NAMES = ['IDE', 'test_cookie', '_ga', '_fbp', 'sid'];
const YEAR = 365 * 24 * 3600;
const ALLOW_ALL = { functional: 'allow', analytics: 'allow', social: 'allow', marketing: 'allow' };
const NECESSARY_ONLY = { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' };

// {name, domain, value, partition?}: partition is the top-level site's URL.
const cookies = () => [
  ...Array.from({ length: SITES }, (_, i) => NAMES.map((name) => ({ name, domain: `.site${i}.example`, value: `v${i}` }))),
  ...Array.from({ length: PARTITIONS }, (_, i) => VENDOR_NAMES.map((name) => ({ name, domain: `.ad${i % 7}.doubleclick.net`, value: `p${i}`,
    partition: `https://top${i}.example` }))),
].flat();

// Started in the realm whose event loop the background runs on: a timer that should fire every
// millisecond, and the longest it was held up (the longest task there).
const HEARTBEAT = `(() => {
  const beat = { stop: false, longest: 0, last: performance.now() };
  const tick = () => {
    const now = performance.now();
    beat.longest = Math.max(beat.longest, now - beat.last);
    beat.last = now;
    if (!beat.stop) setTimeout(tick, 1);
  };
  tick();
  globalThis.__sweepBeat = beat;
})()`;
const STOP_HEARTBEAT = '(() => { globalThis.__sweepBeat.stop = true; return globalThis.__sweepBeat.longest; })()';

// The same timer for a second with nothing to do: what the machine itself holds it up by.
async function idleLongest(evaluate) {
  await evaluate(HEARTBEAT);
  await new Promise((r) => setTimeout(r, 1000));
  return evaluate(STOP_HEARTBEAT);
}

// In an extension page: "necessary only", then the sweep (its preview, then apply), timed.
async function sweep(page) {
  return page.evaluate(async (necessaryOnly) => {
    const ask = async (msg) => (await chrome.runtime.sendMessage(msg)).result; // {ok, result}
    await ask({ what: 'setDefaults', defaults: necessaryOnly });
    await new Promise((r) => setTimeout(r, 500)); // the policy's own work (DNR rules) done first
    const t0 = performance.now();
    const { preview } = await ask({ what: 'sweep' });
    const t1 = performance.now();
    const { applied } = await ask({ what: 'applySweep', id: preview.id });
    return { previewMs: t1 - t0, applyMs: performance.now() - t1, removed: applied.removed, undoable: Boolean(applied.undoId) };
  }, NECESSARY_ONLY);
}

function print(browser, m, stored, where) {
  const f = (ms) => `${ms.toFixed(0)} ms`;
  console.log(`${browser}: ${stored} cookies stored, ${m.removed} removed${m.undoable ? ' (kept for Undo)' : ' (NOT kept for Undo)'}; `
    + `preview ${f(m.previewMs)}, apply ${f(m.applyMs)}, total ${f(m.previewMs + m.applyMs)}; longest task ${m.longestMs.toFixed(1)} ms `
    + `(idle: ${m.idleMs.toFixed(1)} ms) in ${where}`);
}

async function chromium() {
  const browser = await launchWithExtension({ port: 9 });
  try {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('pages/options.html'));
    await page.evaluate((d) => chrome.runtime.sendMessage({ what: 'setDefaults', defaults: d }), ALLOW_ALL);
    const expires = Math.floor(Date.now() / 1000) + YEAR;
    await browser.context.addCookies(cookies().map(({ partition, ...c }) => ({ ...c, path: '/', expires, secure: true,
      ...(partition ? { sameSite: 'None', partitionKey: partition } : { sameSite: 'Lax' }) })));
    const stored = await page.evaluate(async () => (await chrome.cookies.getAll({ partitionKey: {} })).length);
    const idleMs = await idleLongest((code) => browser.worker.evaluate(code));
    await browser.worker.evaluate(HEARTBEAT);
    const m = { ...(await sweep(page)), idleMs };
    m.longestMs = await browser.worker.evaluate(STOP_HEARTBEAT);
    print('Chromium', m, stored, 'the service worker');
  } finally {
    await browser.close();
  }
}

async function firefox() {
  const ff = await launchFirefoxWithExtension({ port: 9 });
  try {
    const page = await onboardingPage(ff);
    const stored = await page.evaluate(async ([all, allowAll, year]) => {
      await browser.runtime.sendMessage({ what: 'setDefaults', defaults: allowAll });
      const expirationDate = Math.floor(Date.now() / 1000) + year;
      for (let i = 0; i < all.length; i += 100) {
        await Promise.all(all.slice(i, i + 100).map(({ partition, ...c }) => browser.cookies.set({ url: `https://${c.domain.slice(1)}/`, ...c,
          path: '/', secure: true, expirationDate, ...(partition ? { sameSite: 'no_restriction', partitionKey: { topLevelSite: partition } } : {}) })));
      }
      return (await browser.cookies.getAll({ partitionKey: {} })).length;
    }, [cookies(), ALLOW_ALL, YEAR]);
    // The backstop judges each of those writes as its change event arrives: let it finish first.
    await new Promise((r) => setTimeout(r, 3000));
    // The background page and the extension's pages share the extension process's main thread:
    // a timer in the page is held up by every task of the background.
    const idleMs = await idleLongest((code) => page.evaluate(code));
    await page.evaluate(HEARTBEAT);
    const m = { ...(await sweep(page)), idleMs };
    m.longestMs = await page.evaluate(STOP_HEARTBEAT);
    print('Firefox ESR', m, stored, 'the extension process\'s main thread, which runs the background page');
  } finally {
    await ff.close();
  }
}

await chromium();
await firefox();
