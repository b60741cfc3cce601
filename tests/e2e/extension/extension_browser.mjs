// Real Chromium with the packaged extension (build/extension) loaded, pointed at the demo sites:
// every host name maps to the demo server's port (--host-resolver-rules), and its self-signed
// certificate is accepted. Flags from shared/notes/extension-platform.md §1.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

import { COOKIEWARDEN } from '../lib/cookiewarden_cli.mjs';

export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(process.env.WARDEN_EXTENSION_DIR ?? new URL('../../../build/extension', import.meta.url).pathname);

// `userDataDir` and `env` let a test put the profile inside a fake home (for the native host);
// by default the profile is a fresh temporary folder, removed on close. `extensionDir: null`
// starts the browser without the extension. `reachLoopback`: URLs naming 127.0.0.1 itself reach
// that address (a local server such as `cookiewarden serve`) instead of the demo server.
export async function launchWithExtension({ port, extensionDir = EXTENSION_DIR, headless = true, userDataDir, env, reachLoopback = false }) {
  const ownDir = !userDataDir;
  userDataDir ??= mkdtempSync(join(tmpdir(), 'cw-ext-e2e-'));
  const extensionArgs = extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_EXECUTABLE,
    headless,
    ...(env ? { env } : {}),
    ignoreHTTPSErrors: true,
    viewport: { width: 1000, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      ...extensionArgs,
      `--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE localhost${reachLoopback ? ', EXCLUDE 127.0.0.1' : ''}`,
      '--ignore-certificate-errors',
    ],
  });
  const worker = !extensionDir ? null : context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20000 }));
  const extensionId = worker ? new URL(worker.url()).host : null;
  return {
    context,
    worker,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async close() {
      await context.close();
      if (ownDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// Polls `probe` until it returns a truthy value; throws with `what` after `timeoutMs`. Waiting for
// asynchronous enforcement (the cookie backstop) is not a timing assertion: only the outcome counts.
export async function waitFor(what, probe, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export { askBackground, backgroundReply } from './background_messages.mjs';

// The background is ready once its guard is registered and (Chromium) its DNR rules are in place:
// the dynamic rules, then the static rulesets of the refused categories (enabled after them).
export async function waitForEnforcement(browser) {
  return waitFor('the cookie guard registration and the DNR rules', () => browser.worker.evaluate(async () => {
    const [scripts, rules, rulesets] = await Promise.all([chrome.scripting.getRegisteredContentScripts(),
      chrome.declarativeNetRequest.getDynamicRules(), chrome.declarativeNetRequest.getEnabledRulesets()]);
    const declared = chrome.runtime.getManifest().declarative_net_request?.rule_resources?.length ?? 0;
    const ready = scripts.length > 0 && rules.length > 0 && (declared === 0 || rulesets.length > 0);
    return ready ? { scripts: scripts.length, rules: rules.length, rulesets } : null;
  }));
}

export async function jarCookies(browser, url) {
  return browser.context.cookies(url);
}

// Chromium with the extension, its profile in the fake `home` and `cookiewarden install` run for
// that profile first, so the extension reaches the host through native messaging. Resolves once
// the extension enforces.
export async function launchWithInstalledHost(home, { port }) {
  const userDataDir = join(home.configDir, 'chromium');
  mkdirSync(userDataDir, { recursive: true });
  const installed = JSON.parse(execFileSync(COOKIEWARDEN, ['install', '--user-data-dir', userDataDir, '--json'], { env: home.env, encoding: 'utf8' }));
  if (installed.written?.length !== 1) throw new Error(`install wrote no single manifest: ${JSON.stringify(installed)}`);
  const browser = await launchWithExtension({ port, userDataDir, env: home.env });
  await waitForEnforcement(browser);
  return browser;
}
