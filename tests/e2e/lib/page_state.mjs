// Writing and reading a site's data through real pages. Works with Playwright and Puppeteer
// pages alike: both have goto(), frames(), frame.url() and frame.evaluate().
import { FIRST_PARTY_HOSTS, TRACKER_HOST } from './site_server.mjs';

// Everything a frame can see of its own storage.
async function frameState(frame) {
  return frame.evaluate(async () => {
    await window.__ready;
    const localStorageEntries = {};
    for (let i = 0; i < localStorage.length; ++i) {
      const key = localStorage.key(i);
      localStorageEntries[key] = localStorage.getItem(key);
    }
    const databases = (await indexedDB.databases()).map((d) => d.name).sort();
    const cookies = document.cookie.split(';').map((c) => c.trim().split('=')[0]).filter(Boolean).sort();
    return { cookies, localStorage: Object.keys(localStorageEntries).sort(), indexedDB: databases };
  });
}

async function waitForFrames(page) {
  await page.evaluate(() => Promise.all([window.__ready, window.__frameLoaded].filter(Boolean)));
  const tracker = page.frames().find((f) => new URL(f.url()).hostname === TRACKER_HOST);
  if (tracker) await tracker.evaluate(() => window.__ready);
  return tracker;
}

// Visits /write on each first-party host: the page and its tracker iframe store everything.
export async function writeSiteData(page, server) {
  for (const host of FIRST_PARTY_HOSTS) {
    await page.goto(server.url(host, '/write'), { waitUntil: 'load' });
    await waitForFrames(page);
  }
}

// What each host holds, as seen from /show: state[topHost] = {self, tracker} where `tracker` is
// the tracker iframe's view inside that top-level site (its partition).
export async function readSiteData(page, server) {
  const state = {};
  for (const host of FIRST_PARTY_HOSTS) {
    await page.goto(server.url(host, '/show'), { waitUntil: 'load' });
    const tracker = await waitForFrames(page);
    state[host] = { self: await frameState(page.mainFrame()), tracker: tracker ? await frameState(tracker) : null };
  }
  return state;
}


// What each host holds for the browser session only, as seen from /show in the current tab:
// state[topHost] = {self, tracker}, each {cookies, sessionStorage} (names, sorted). Cookies are
// the ones document.cookie shows (session and persistent alike).
export async function readSessionData(page, server) {
  const sessionState = (frame) => frame.evaluate(async () => {
    await window.__ready;
    const keys = [];
    for (let i = 0; i < sessionStorage.length; ++i) keys.push(sessionStorage.key(i));
    const cookies = document.cookie.split(';').map((c) => c.trim().split('=')[0]).filter(Boolean).sort();
    return { cookies, sessionStorage: keys.sort() };
  });
  const state = {};
  for (const host of FIRST_PARTY_HOSTS) {
    await page.goto(server.url(host, '/show'), { waitUntil: 'load' });
    const tracker = await waitForFrames(page);
    state[host] = { self: await sessionState(page.mainFrame()), tracker: tracker ? await sessionState(tracker) : null };
  }
  return state;
}

// Visits /session on each first-party host in the current tab: session cookies and sessionStorage.
export async function writeSessionData(page, server) {
  for (const host of FIRST_PARTY_HOSTS) {
    await page.goto(server.url(host, '/session'), { waitUntil: 'load' });
    await waitForFrames(page);
  }
}
