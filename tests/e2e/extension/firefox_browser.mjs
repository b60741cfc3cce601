// Headless Firefox ESR with the packaged extension installed as a temporary add-on (puppeteer-core
// over WebDriver BiDi; shared/notes/extension-platform.md §6), reaching the demo sites through the
// CONNECT proxy. Private HOME, so nothing leaks into the machine's profiles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startConnectProxy } from './connect_proxy.mjs';
import { EXTENSION_DIR } from './extension_browser.mjs';

export const FIREFOX_EXECUTABLE = process.env.FIREFOX_EXECUTABLE ?? '/usr/bin/firefox-esr';

// `prepareHome(home)` writes what the test needs in the private HOME before Firefox starts; `prefs`
// are more Firefox preferences. `install: false` starts Firefox without the extension: `install()` adds
// it later (what a page stored before is then already there).
export async function launchFirefoxWithExtension({ port, prepareHome, prefs = {}, install = true }) {
  const proxy = await startConnectProxy(port);
  const home = mkdtempSync(join(tmpdir(), 'cw-ext-ff-'));
  prepareHome?.(home);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_EXECUTABLE,
    headless: true,
    acceptInsecureCerts: true,
    env: { ...process.env, HOME: home },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      ...prefs,
    },
  });
  const ff = {
    browser,
    extensionId: null,
    async install(extensionDir = EXTENSION_DIR) {
      ff.extensionId = await browser.installExtension(extensionDir);
    },
    // Bounded: a BiDi close that never answers (seen on a loaded machine) would otherwise hold the
    // test until CTest's timeout after every check had passed.
    async close() {
      const child = browser.process();
      const gaveUp = new Promise((resolve) => setTimeout(resolve, 30000).unref());
      await Promise.race([browser.close().catch(() => {}), gaveUp]);
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await proxy.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
  if (install) await ff.install();
  return ff;
}
