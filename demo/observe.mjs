// What a visit to a demo page did, seen from outside the extension: which of the page's tags and
// beacons reached their vendor (the demo server's log), and which cookies the browser kept.
import { BEACONS, TAGS, TRACKER_COOKIES } from './site/tags.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const reached = (demo, since, host, path) => demo.log.some((e) => e.at >= since && e.host === host && e.path === path);

// The cookie backstop removes refused cookies asynchronously: read the jar once it stops changing.
async function settledJar(context, url) {
  let last = null;
  for (let waited = 0; waited < 5000; waited += 300) {
    await sleep(300);
    const names = (await context.cookies(url)).map((c) => c.name).sort().join(' ');
    if (names === last && waited >= 600) break;
    last = names;
  }
  return context.cookies(url);
}

// Loads `url` in `page` and waits for its own asynchronous work (session check, cookieStore
// writes, the server-side tagging call), then reports per tag, per beacon and per cookie.
export async function visitAndObserve({ context, page, demo, url }) {
  const since = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => Promise.all([window.__sessionCheck, window.__collect].filter(Boolean)));
  const jar = await settledJar(context, url);
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src));
  const tags = TAGS.filter((t) => scripts.includes(t.url)).map((t) => {
    const u = new URL(t.url);
    return { ...t, reached: reached(demo, since, u.host, u.pathname) };
  });
  const beacons = BEACONS.map((b) => ({ ...b, reached: reached(demo, since, b.host, b.path) })).filter((b) => b.reached);
  const names = jar.map((c) => c.name);
  const trackers = TRACKER_COOKIES.map((c) => ({ ...c, kept: names.includes(c.name) }));
  return { url, host: new URL(url).host, tags, beacons, jar, trackers };
}
