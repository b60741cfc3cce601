// Writes the GNOME Web fixture of the native-host store tests with real GNOME Web (WebKitGTK):
//   <out>/gnome-web/  the site storage of a GNOME Web profile after visiting /write on
//       www.example.test and news.keep.test, each embedding ads.tracker.test (webkit_site_server.mjs):
//       cookies.sqlite, localstorage/, databases/indexeddb/ and storage/ (history, itp/ and
//       mediakeys/ are left out); then /worker on localhost and 127.0.0.1 (a service worker and a
//       CacheStorage cache each): serviceworkers/ too, and the cache folder's CacheStorage/ as
//       <out>/gnome-web-cache/CacheStorage. GNOME Web is quit through its quit action first.
// Run: node tests/e2e/webkit/make_gnome_web_fixture.mjs tests/native-host/fixtures
import fs from 'node:fs';
import path from 'node:path';

import { createFakeHome } from '../lib/fake_home.mjs';
import { openInGnomeWeb, quitGnomeWeb, startDesktop, waitFor } from '../lib/gnome_web.mjs';
import { DELETED_HOST, KEPT_HOST, TRACKER_HOST, WORKER_HOSTS, startWebKitSiteServer } from './webkit_site_server.mjs';

const SITE_STORAGE = ['cookies.sqlite', 'localstorage', 'databases', 'storage', 'serviceworkers'];

const out = process.argv[2];
if (!out) throw new Error('usage: make_gnome_web_fixture.mjs <fixtures folder>');
const server = await startWebKitSiteServer();
const home = createFakeHome('gnome-web-fixture');
const desktop = await startDesktop(home.home, server.port);
try {
  const first = openInGnomeWeb(desktop, server.url(DELETED_HOST, 'write'));
  for (const [i, host] of [DELETED_HOST, KEPT_HOST].entries()) {
    if (i > 0) await openInGnomeWeb(desktop, server.url(host, 'write')).exited;
    await waitFor(`reports from ${host}`, () => server.reports.write?.[host]?.[host] && server.reports.write[host][TRACKER_HOST]);
  }
  for (const host of WORKER_HOSTS) {
    await openInGnomeWeb(desktop, server.url(host, 'worker')).exited;
    const state = await waitFor(`worker report from ${host}`, () => server.reports.worker?.[host]?.[host]);
    if (state.error) throw new Error(`${host}: ${state.error}`);
  }
  await quitGnomeWeb(desktop, first);
  const profile = path.join(home.home, '.local', 'share', 'epiphany');
  const target = path.join(out, 'gnome-web');
  fs.rmSync(target, { recursive: true, force: true });
  for (const name of SITE_STORAGE) fs.cpSync(path.join(profile, name), path.join(target, name), { recursive: true });
  const cacheTarget = path.join(out, 'gnome-web-cache');
  fs.rmSync(cacheTarget, { recursive: true, force: true });
  fs.cpSync(path.join(home.home, '.cache', 'epiphany', 'CacheStorage'), path.join(cacheTarget, 'CacheStorage'), { recursive: true });
  console.log(`wrote ${target} and ${cacheTarget}; the worker origins' port is ${server.port}`);
} finally {
  await desktop.stop();
  await server.close();
  home.remove();
}
