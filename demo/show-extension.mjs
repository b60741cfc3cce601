#!/usr/bin/env node
// Shows the extension at work on the demo shop, in real Chromium, in the demo's own home (never the
// person's browsers): registers the native host for the demo's Chromium profile, then the story of
// story.mjs — necessary only, Analytics allowed for the shop alone, the news site, "Delete site
// data" reaching another browser through the host. Prints each step, writes report.md and the
// screenshots, and exits non-zero when a step fails or the extension did not do what the demo says.
// With a usable display the browser is headed and stays open until it is closed or Ctrl-C.
//
// Usage: node demo/show-extension.mjs [--out DIR] [--headless]      (scripts/demo runs it)
// Needs the packaged extension (node scripts/build-extension.mjs; WARDEN_EXTENSION_DIR elsewhere)
// and the native host binary (COOKIEWARDEN, default build/native/native-host/cookiewarden).
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTENSION_DIR, launchWithExtension, waitForEnforcement } from '../tests/e2e/extension/extension_browser.mjs';
import { checkStory } from './checks.mjs';
import { createDemoHome, registerNativeHost } from './demo-home.mjs';
import { tellChecks, tellStep } from './narration.mjs';
import { writeOtherBrowserProfile } from './other-browser.mjs';
import { writeReport } from './report.mjs';
import { startDemoServer } from './site/server.mjs';
import { NEWS_URL, SHOP_URL, runStory } from './story.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const COOKIEWARDEN = resolve(process.env.COOKIEWARDEN ?? join(root, 'build/native/native-host/cookiewarden'));
const STEP_PAUSE_MS = 2000; // headed only: time to see each step

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

// Paths inside the working directory are shown relative to it.
function shown(path) {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

const line = (label, text) => console.log(`   ${label.padEnd(14)}${text}`);

function fail(message) {
  console.error(`\nThe demo failed: ${message}`);
  process.exit(1);
}

function prepareOutput(out) {
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out)) if (f.endsWith('.png') || f === 'report.md') rmSync(join(out, f));
}

// Headed when a display is usable; a launch that fails on the display falls back to headless.
async function launchBrowser({ port, home, headless }) {
  const common = { port, userDataDir: home.chromiumDir, env: home.env };
  if (!headless) {
    try {
      return { browser: await launchWithExtension({ ...common, headless: false }), mode: 'headed' };
    } catch {
      line('Display', `Chromium could not open a window on DISPLAY=${process.env.DISPLAY}: running headless`);
    }
  }
  return { browser: await launchWithExtension({ ...common, headless: true }), mode: 'headless' };
}

async function setUp(demo, out) {
  const home = createDemoHome(join(out, 'home'));
  const host = registerNativeHost(home, COOKIEWARDEN);
  line('Native host', `registered for the demo's Chromium profile only (cookiewarden install --user-data-dir):`);
  line('', `${shown(host.manifestPath)}`);
  line('', `host ${host.hostName} → ${shown(host.binary)}, for ${host.allowedOrigins.join(', ')}`);
  const otherBrowser = await writeOtherBrowserProfile({ home, port: demo.port, urls: [SHOP_URL, NEWS_URL] });
  line('Other browser', `a ${otherBrowser.name} profile in the demo's home with the shop's cookies (a plain visit, no extension)`);
  return { home, host, otherBrowser };
}

function waitUntilClosed(browser, demo) {
  console.log('\nThe browser stays open: try the popup (the extension\'s toolbar button) on the shop. Close it or press Ctrl-C to end.');
  const end = async () => { await browser.close().catch(() => {}); await demo.close(); process.exit(0); };
  process.on('SIGINT', end);
  browser.context.on('close', end);
}

async function main() {
  const started = Date.now();
  const out = resolve(option('out') ?? join(root, 'build/demo'));
  const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
  if (!existsSync(join(EXTENSION_DIR, 'engine/engine.bin'))) fail(`no packaged extension in ${EXTENSION_DIR}: run node scripts/build-extension.mjs`);
  if (!existsSync(COOKIEWARDEN)) fail(`${COOKIEWARDEN} not found: build the native preset (make build)`);
  prepareOutput(out);

  const demo = await startDemoServer();
  let browser;
  try {
    const setup = await setUp(demo, out);
    const launched = await launchBrowser({ port: demo.port, home: setup.home, headless });
    browser = launched.browser;
    const version = browser.context.browser()?.version() ?? '';
    line('Browser', `Chromium ${version} ${launched.mode}${process.env.DISPLAY ? '' : ' (no display)'}, extension ${shown(EXTENSION_DIR)}`);
    await waitForEnforcement(browser);
    const pause = launched.mode === 'headed' ? () => new Promise((r) => setTimeout(r, STEP_PAUSE_MS)) : undefined;
    const story = await runStory({ browser, demo, out, otherBrowser: setup.otherBrowser, tell: tellStep, pause });
    const checks = checkStory(story);
    writeReport(join(out, 'report.md'), {
      setup: { date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', browser: `Chromium ${version}`, mode: launched.mode,
        extensionDir: shown(EXTENSION_DIR), host: setup.host, home: shown(setup.home.dir) },
      story, checks,
    });
    tellChecks(checks);
    console.log(`\n   ${'Report'.padEnd(14)}${shown(join(out, 'report.md'))}`);
    line('Screenshots', `${shown(out)}/{${readdirSync(out).filter((f) => f.endsWith('.png')).sort().join(',')}}`);
    line('Time', `${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (checks.some((c) => !c.ok)) throw new Error('the extension did not do what the demo shows (see above)');
    if (launched.mode === 'headed') return waitUntilClosed(browser, demo);
    await browser.close();
    await demo.close();
  } catch (e) {
    await browser?.close().catch(() => {});
    await demo.close();
    fail(e.message);
  }
}

await main();
