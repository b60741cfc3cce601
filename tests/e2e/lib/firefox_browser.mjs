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

// Quits the way the user's File > Quit does, from the browser's own (chrome) scope. WebDriver
// BiDi's browser.close first closes every tab, so session restore would save no tab (and no
// sessionStorage); this keeps them. Needs Firefox started with --remote-allow-system-access.
async function quitKeepingSession(browser) {
  const tree = await browser.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = tree.result.contexts[0].context;
  await browser.connection.send('script.evaluate', {
    expression: 'Services.startup.quit(Ci.nsIAppStartup.eAttemptQuit)',
    target: { context },
    awaitPromise: false,
  }).catch(() => {});  // the connection may drop as Firefox quits
}

// Starts Firefox with `env` (HOME pointing at the test's fake home) on `profileDir`, with
// `extraPrefs` over ours, and returns
// {browser, page, process, close}. close() quits Firefox cleanly and waits for the process.
// With `keepSession`, close() quits like a user does (quitKeepingSession), so that with
// browser.startup.page=3 the open tabs and their sessionStorage are saved for session restore.
export async function launchFirefox({ profileDir, hosts, env, extraPrefs = {}, keepSession = false }) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_EXECUTABLE,
    headless: true,
    userDataDir: profileDir,
    env,
    extraPrefsFirefox: { ...firefoxPrefs(hosts), ...extraPrefs },
    acceptInsecureCerts: true,  // the test site's certificate is self-signed
    args: keepSession ? ['--remote-allow-system-access'] : [],
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
      if (keepSession) {
        await quitKeepingSession(browser);
        browser.disconnect();
      } else {
        await browser.close();
      }
      return exited;
    },
  };
}
