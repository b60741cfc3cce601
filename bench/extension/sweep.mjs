// The extension's sweep of 5,000 stored cookies in real Chromium and Firefox ESR, with the packaged
// extension: 600 sites with _ga, _gid, _fbp, _gcl_au and a session id each, and 400 sites under
// which an ad vendor keeps partitioned cookies (IDE, test_cookie, _ga, _fbp, sid), stored while
// everything was allowed (Chromium keeps at most about 3,300 unpartitioned cookies: partitioned ones
// are counted apart). Then "necessary only" is chosen and the sweep's preview and apply run (4,400
// cookies go). Meanwhile a 1 ms timer runs where the background's events are handled: every time it
// was held up is a task, and the longest is told per phase of the sweep from the phases it reports:
// read (the page reads every stored cookie: in Chromium apart from the worker, in Firefox on the
// thread the background shares), handover (the page hands them to the background in batches),
// classify, keep for Undo, remove. Then Undo puts them back, and the same
// cookies are removed the other way (Chromium: cookies.remove, which the sweep no longer uses there;
// Firefox: the expired write Chromium's sweep uses), to compare. Last, the floor that no slicing
// can lower where the answer is parsed: one cookies.getAll answer of every stored cookie, alone,
// read where the background runs (what the page's read spares the worker in Chromium). Prints figures, asserts nothing.
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
const PHASES = ['read', 'handover', 'classify', 'keep', 'remove'];

// {name, domain, value, partition?}: partition is the top-level site's URL.
const cookies = () => [
  ...Array.from({ length: SITES }, (_, i) => NAMES.map((name) => ({ name, domain: `.site${i}.example`, value: `v${i}` }))),
  ...Array.from({ length: PARTITIONS }, (_, i) => VENDOR_NAMES.map((name) => ({ name, domain: `.ad${i % 7}.doubleclick.net`, value: `p${i}`,
    partition: `https://top${i}.example` }))),
].flat();

// Started in the realm whose event loop the background runs on: a timer that should fire every
// millisecond; each time it was held up more than 2 ms is kept as [start, end] (ms since the epoch).
const HEARTBEAT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const beat = { stop: false, gaps: [], last: now() };
  const tick = () => {
    const t = now();
    if (t - beat.last > 2) beat.gaps.push([beat.last, t]);
    beat.last = t;
    if (!beat.stop) setTimeout(tick, 1);
  };
  tick();
  globalThis.__sweepBeat = beat;
})()`;
const STOP_HEARTBEAT = '(() => { globalThis.__sweepBeat.stop = true; return globalThis.__sweepBeat.gaps; })()';

const longestOf = (gaps, [from, to] = [-Infinity, Infinity]) =>
  Math.max(0, ...gaps.filter(([start, end]) => start < to && end > from).map(([start, end]) => end - start));

// The timer while `work` runs (a second of nothing, by default): {result, gaps}.
async function during(evaluate, work = () => new Promise((r) => setTimeout(r, 1000))) {
  await evaluate(HEARTBEAT);
  const result = await work();
  return { result, gaps: await evaluate(STOP_HEARTBEAT) };
}

// In an extension page: "necessary only", then the sweep as the pages ask for it (sweep-request.js:
// its preview, then apply), timed; then Undo. The phases of preview and apply, classify in both.
async function sweepAndUndo(page) {
  return page.evaluate(async (necessaryOnly) => {
    const ask = async (msg) => (await chrome.runtime.sendMessage(msg)).result; // {ok, result}
    const { requestSweep } = await import('/js/sweep-request.js');
    await ask({ what: 'setDefaults', defaults: necessaryOnly });
    await new Promise((r) => setTimeout(r, 500)); // the policy's own work (DNR rules) done first
    const now = () => performance.timeOrigin + performance.now();
    const t0 = now();
    const { preview, read } = await requestSweep();
    const t1 = now();
    const { applied } = await ask({ what: 'applySweep', id: preview.id });
    const t2 = now();
    const undone = await ask({ what: 'undoRemoval', undoId: applied.undoId });
    const t3 = now();
    return { previewMs: t1 - t0, applyMs: t2 - t1, undoMs: t3 - t2, sweep: [t0, t2], undo: [t2, t3], undone, removed: applied.removed,
      failed: applied.failed, undoable: Boolean(applied.undoId),
      phases: { read: [read], handover: [preview.phases.handover], classify: [preview.phases.classify, applied.phases.classify], keep: [applied.phases.keep],
        remove: [applied.phases.remove] } };
  }, NECESSARY_ONLY);
}

// In an extension page: the cookies the sweep removes (all but the sites' own sid), removed again
// `way` ('remove': cookies.remove by URL and name; 'expire': the same cookie written expired), 50
// at a time as the sweep does: {count, ms, left}.
function removeOtherWay(page, way) {
  return page.evaluate(async (how) => {
    const { cookieAddress, settable } = await import('/js/cookie-removal.js');
    const all = await chrome.cookies.getAll({ partitionKey: {} });
    const refused = all.filter((c) => !(c.name === 'sid' && c.domain.startsWith('.site')));
    const removeOne = (c) => (how === 'remove'
      ? chrome.cookies.remove(cookieAddress(c))
      : chrome.cookies.set({ ...settable(c), value: '', expirationDate: 1 }));
    const t0 = performance.now();
    let next = 0;
    const lane = async () => { while (next < refused.length) await removeOne(refused[next++]); };
    await Promise.all(Array.from({ length: 50 }, lane));
    const ms = performance.now() - t0;
    return { count: refused.length, ms, left: (await chrome.cookies.getAll({ partitionKey: {} })).length };
  }, way);
}

const READ_ALL = 'chrome.cookies.getAll({ partitionKey: {} }).then((all) => all.length)';

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const msText = (ms) => `${ms.toFixed(0)} ms`;

function print(browser, where, m) {
  const spans = (name) => m.phases[name].filter(Boolean);
  const phaseText = PHASES.map((name) => {
    const ms = spans(name).reduce((sum, [a, b]) => sum + b - a, 0);
    const longest = Math.max(0, ...spans(name).map((span) => longestOf(m.gaps, span)));
    return `${name} ${msText(ms)} (longest task ${msText(longest)})`;
  }).join(', ');
  const u = m.undone;
  console.log(`${browser}: ${m.stored} cookies stored, ${m.removed} removed, ${m.failed} failed${m.undoable ? '' : ' (NOT kept for Undo)'}; `
    + `total ${s(m.previewMs + m.applyMs)} (preview ${s(m.previewMs)}, apply ${s(m.applyMs)}); longest task ${msText(longestOf(m.gaps, m.sweep))} `
    + `(idle: ${msText(m.idleMs)}) in ${where}`);
  console.log(`  phases: ${phaseText}`);
  console.log(`  Undo: ${u.restored} of ${u.kept} put back in ${s(m.undoMs)} (longest task ${msText(longestOf(m.gaps, m.undo))})`);
  console.log(`  the same ${m.otherWay.count} cookies removed by ${m.otherWay.way}: ${s(m.otherWay.ms)} (${m.otherWay.left} cookies left)`);
  console.log(`  floor: one cookies.getAll answer of all ${m.floor.count} cookies alone holds the event loop up ${msText(m.floor.longest)}`);
}

// The figures of one browser; `evaluate` runs code where the background's events are handled,
// `page` is an extension page.
async function measure(evaluate, page, otherWay) {
  const stored = await evaluate(READ_ALL);
  const idleMs = longestOf((await during(evaluate)).gaps);
  const { result, gaps } = await during(evaluate, () => sweepAndUndo(page));
  const floor = await during(evaluate, () => evaluate(READ_ALL));
  const other = await removeOtherWay(page, otherWay);
  return { ...result, stored, idleMs, gaps, floor: { count: floor.result, longest: longestOf(floor.gaps) },
    otherWay: { way: otherWay === 'remove' ? 'cookies.remove' : 'an expired cookies.set', ...other } };
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
    print('Chromium', 'the service worker', await measure((code) => browser.worker.evaluate(code), page, 'remove'));
  } finally {
    await browser.close();
  }
}

async function firefox() {
  const ff = await launchFirefoxWithExtension({ port: 9 });
  try {
    const page = await onboardingPage(ff);
    await page.evaluate(async ([all, allowAll, year]) => {
      await browser.runtime.sendMessage({ what: 'setDefaults', defaults: allowAll });
      const expirationDate = Math.floor(Date.now() / 1000) + year;
      for (let i = 0; i < all.length; i += 100) {
        await Promise.all(all.slice(i, i + 100).map(({ partition, ...c }) => browser.cookies.set({ url: `https://${c.domain.slice(1)}/`, ...c,
          path: '/', secure: true, expirationDate, ...(partition ? { sameSite: 'no_restriction', partitionKey: { topLevelSite: partition } } : {}) })));
      }
    }, [cookies(), ALLOW_ALL, YEAR]);
    // The backstop judges each of those writes as its change event arrives: let it finish first.
    await new Promise((r) => setTimeout(r, 3000));
    // The background page and the extension's pages share the extension process's main thread:
    // a timer in the page is held up by every task of the background.
    print('Firefox ESR', 'the extension process\'s main thread, which runs the background page',
      await measure((code) => page.evaluate(code), page, 'expire'));
  } finally {
    await ff.close();
  }
}

await chromium();
await firefox();
