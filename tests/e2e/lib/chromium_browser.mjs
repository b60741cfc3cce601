// Headless Chromium on a given user-data-dir, spawned with exactly our flags (Playwright's own
// launcher adds --disable-features=...ThirdPartyStoragePartitioning..., which would hide the
// partitioned storage we test) and driven over CDP with playwright-core.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium';

function chromiumArgs(userDataDir, extraArgs) {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost',
    '--ignore-certificate-errors',  // the test site's certificate is self-signed
    `--user-data-dir=${userDataDir}`,
    '--remote-debugging-port=0',
    ...extraArgs,
    'about:blank',
  ];
}

function waitForDevTools(child) {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const onData = (chunk) => {
      stderr += chunk;
      const match = stderr.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) {
        child.stderr.off('data', onData);
        child.stderr.resume();  // keep draining, or Chromium blocks on a full pipe
        resolve(match[1]);
      }
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`chromium exited (${code ?? signal}) before DevTools was ready:\n${stderr}`)));
  });
}

// Starts Chromium with `env` (HOME pointing at the test's fake home) and `extraArgs` (e.g.
// --load-extension=DIR) and returns
// {browser, page, process, close}. close() asks Chromium to quit (Browser.close), which flushes
// the cookie store, and waits until the process is gone.
export async function launchChromium({ userDataDir, env, extraArgs = [] }) {
  const child = spawn(CHROMIUM_EXECUTABLE, chromiumArgs(userDataDir, extraArgs), {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let browser;
  try {
    const endpoint = await waitForDevTools(child);
    browser = await chromium.connectOverCDP(endpoint);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    browser,
    page,
    process: child,
    async close() {
      const session = await browser.newBrowserCDPSession();
      await session.send('Browser.close').catch(() => {});  // the connection drops as it quits
      return exited;
    },
  };
}
