// The extension's start-up in real browsers, on the packaged extension (WARDEN_EXTENSION_DIR).
// Chromium: the service worker is stopped through DevTools (ServiceWorker.stopAllWorkers) RESTARTS
// times, and each time woken by the demo shop's page, whose tracker requests the background decides
// (webRequest). Per restart the worker reports, from its own start (performance.now()'s origin):
// when its first module ran (the worker's own start-up, no engine), when the engine was ready, and
// when it decided its first request. The same is measured on a copy of the package whose engine.bin
// holds the built-in vendor rules only (no lists): the floor the lists' size cannot explain.
// Firefox ESR: FIREFOX_RUNS fresh browsers; the extension is installed while a page keeps asking for
// a tracker, and the background page reports the same figures from its own start; then the same on
// the package without lists (Firefox's floor). Prints figures and hands them to `make bench`'s
// summary (bench/figures.mjs); asserts nothing.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../demo/site/server.mjs';
import { writeFigures } from '../figures.mjs';
import { askBackground, EXTENSION_DIR, launchWithExtension, waitFor } from '../../tests/e2e/extension/extension_browser.mjs';
import { launchFirefoxWithExtension } from '../../tests/e2e/extension/firefox_browser.mjs';
import { onboardingPage } from '../../tests/e2e/extension/firefox_extension_page.mjs';
import { NEWS_URL, SHOP_URL } from '../../tests/e2e/extension/shop_fixture.mjs';

const RESTARTS = Number(process.env.RESTARTS ?? 15);
const FIREFOX_RUNS = Number(process.env.FIREFOX_RUNS ?? 5);
const COOKIEWARDEN = process.env.COOKIEWARDEN;

const FIGURES = [['evaluatedMs', 'worker start -> first module ran'], ['coldStartMs', 'worker start -> engine ready'],
  ['readyMs', 'worker start -> engine and settings ready (what a decision waits for)'],
  ['firstDecisionMs', 'worker start -> first request decided'], ['loadMs', 'engine load (module + engine.bin)'],
  ['fetchMs', 'of which fetching engine.bin'], ['createMs', 'of which copying it into the module and checking it']];

// {median, max, runs} of one figure over the runs that report it; null when none does.
function stats(runs, key) {
  const values = runs.map((t) => t[key]).filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return values.length ? { median: values[values.length >> 1], max: values.at(-1), runs: values.length } : null;
}

function summary(runs, key) {
  const s = stats(runs, key);
  return s ? `median ${s.median.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (${s.runs} runs)` : 'not measured';
}

// Median and max of one figure as summary rows.
function rows(what, runs, key, goal) {
  const s = stats(runs, key);
  return [{ figure: `${what}, median of ${s?.runs ?? 0}`, value: s?.median ?? null, unit: 'ms', goal },
    { figure: `${what}, max of ${s?.runs ?? 0}`, value: s?.max ?? null, unit: 'ms' }];
}

function print(title, runs) {
  console.log(title);
  for (const [key, what] of FIGURES) console.log(`  ${what}: ${summary(runs, key)}`);
}

// A copy of the package whose engine has no lists (`cookiewarden compile` with no --list).
function packageWithoutLists() {
  const dir = mkdtempSync(join(tmpdir(), 'cw-cold-start-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  execFileSync(COOKIEWARDEN, ['compile', '-o', join(dir, 'engine', 'engine.bin')], { stdio: 'ignore' });
  return dir;
}

// RESTARTS worker restarts of the package in `extensionDir`, each woken by the shop's requests.
async function chromiumRestarts(port, extensionDir) {
  const browser = await launchWithExtension({ port, extensionDir });
  try {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('pages/options.html'));
    await askBackground(options, 'getState'); // installed and started once before the restarts
    const cdp = await browser.context.newCDPSession(options);
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.runningStatus === 'stopped')) stopped = true;
    });
    await cdp.send('ServiceWorker.enable');
    const shop = await browser.context.newPage();
    const runs = [];
    for (let i = 0; i < RESTARTS; i++) {
      stopped = false;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitFor('the worker to stop', () => stopped);
      await shop.goto(SHOP_URL, { waitUntil: 'load' });
      runs.push((await askBackground(options, 'getState')).timings);
    }
    return runs;
  } finally {
    await browser.close();
  }
}

// A fresh Firefox with a page asking for a tracker image every 20 ms while the extension is installed:
// the background's first request arrives as it starts listening, and waits for the engine.
async function firefoxStart(port, extensionDir) {
  const ff = await launchFirefoxWithExtension({ port, install: false });
  try {
    const news = await ff.browser.newPage();
    await news.goto(NEWS_URL, { waitUntil: 'load' });
    await news.evaluate(() => {
      let i = 0;
      globalThis.probe = setInterval(() => { new Image().src = `https://www.google-analytics.com/g/collect?probe=${i++}`; }, 20);
    });
    await ff.install(extensionDir);
    const timings = (await askBackground(await onboardingPage(ff), 'getState')).timings;
    await news.evaluate(() => clearInterval(globalThis.probe));
    return timings;
  } finally {
    await ff.close();
  }
}

const demo = await startDemoServer();
const noLists = packageWithoutLists();
try {
  const bytes = (dir) => statSync(join(dir, 'engine', 'engine.bin')).size;
  const size = (dir) => `${(bytes(dir) / 1e6).toFixed(2)} MB engine.bin`;
  const load = () => loadavg()[0].toFixed(2);
  console.log(`load average (1 min) at the start: ${load()}`);
  const chromium = await chromiumRestarts(demo.port, EXTENSION_DIR);
  print(`Chromium, ${RESTARTS} service-worker restarts, the package (${size(EXTENSION_DIR)}):`, chromium);
  const floor = await chromiumRestarts(demo.port, noLists);
  print(`Chromium, the floor: the same restarts with the built-in vendor rules only (${size(noLists)}):`, floor);
  const firefox = [];
  for (let i = 0; i < FIREFOX_RUNS; i++) firefox.push(await firefoxStart(demo.port, EXTENSION_DIR));
  print(`Firefox ESR, ${FIREFOX_RUNS} browser starts, the extension installed while a page asks for a tracker every 20 ms (background page start ->):`,
    firefox);
  const firefoxFloor = [];
  for (let i = 0; i < FIREFOX_RUNS; i++) firefoxFloor.push(await firefoxStart(demo.port, noLists));
  print(`Firefox ESR, the floor: the same starts with the built-in vendor rules only (${size(noLists)}):`, firefoxFloor);
  console.log(`load average (1 min) at the end: ${load()}`);
  writeFigures('cold-start', [
    ...rows('Chromium worker start -> engine ready', chromium, 'coldStartMs', '≤ 20 ms or the floor'),
    ...rows('Chromium floor (no lists) -> engine ready', floor, 'coldStartMs'),
    ...rows('Chromium worker start -> first module ran', chromium, 'evaluatedMs'),
    ...rows('Chromium worker start -> first request decided', chromium, 'firstDecisionMs'),
    ...rows('Firefox background start -> engine ready', firefox, 'coldStartMs'),
    ...rows('Firefox background start -> engine and settings ready', firefox, 'readyMs'),
    ...rows('Firefox background start -> first request decided', firefox, 'firstDecisionMs', '≤ 50 ms or the floor'),
    ...rows('Firefox floor (no lists) -> first request decided', firefoxFloor, 'firstDecisionMs'),
    { figure: 'engine.bin of the package', value: bytes(EXTENSION_DIR) / 1e6, unit: 'MB', goal: '≤ 3 MB' },
  ]);
} finally {
  rmSync(noLists, { recursive: true, force: true });
  await demo.close();
}
