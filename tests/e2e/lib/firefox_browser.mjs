// Headless Firefox ESR on a given profile folder, driven by puppeteer-core over WebDriver BiDi
// (no geckodriver on Debian bookworm; see shared/notes/extension-platform.md §6).
import puppeteer from 'puppeteer-core';

export const FIREFOX_EXECUTABLE = process.env.FIREFOX_EXECUTABLE ?? '/usr/bin/firefox-esr';

function firefoxPrefs(hosts) {
  return {
    'network.dns.localDomains': hosts.join(','),
    'network.proxy.type': 0,
    'browser.startup.page': 0,
    'browser.sessionstore.resume_from_crash': false,
  };
}

// Starts Firefox with `env` (HOME pointing at the test's fake home) on `profileDir`, with
// `extraPrefs` over ours, and returns
// {browser, page, process, close}. close() quits Firefox cleanly and waits for the process.
export async function launchFirefox({ profileDir, hosts, env, extraPrefs = {} }) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_EXECUTABLE,
    headless: true,
    userDataDir: profileDir,
    env,
    extraPrefsFirefox: { ...firefoxPrefs(hosts), ...extraPrefs },
    acceptInsecureCerts: true,  // the test site's certificate is self-signed
  });
  const child = browser.process();
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null) resolve({ code: child.exitCode, signal: null });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  return {
    browser,
    page,
    process: child,
    async close() {
      await browser.close();
      return exited;
    },
  };
}
