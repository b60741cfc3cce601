// Acceptance test for GNOME Web (WebKitGTK) as a browser cookiewarden deletes in: real epiphany
// under Xvfb in a private HOME visits two sites, each embedding a tracker, that set cookies,
// localStorage and IndexedDB, and two loopback origins that register a service worker and a
// CacheStorage cache; `cookiewarden delete example.test` is refused while GNOME Web runs (nothing
// changes), then runs on the closed profile, and so does `delete localhost`. GNOME Web, relaunched
// on pages that report what they see, must show example.test and localhost nothing, and
// news.keep.test and 127.0.0.1 everything they had. (WebKit blocks the tracker's cookies and keeps
// its frame's storage only for the session, so the tracker is not compared after the relaunch.)
//
// Run: COOKIEWARDEN=build/native/native-host/cookiewarden node --test tests/e2e/webkit/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { runCookiewarden } from '../lib/cookiewarden_cli.mjs';
import { createFakeHome } from '../lib/fake_home.mjs';
import { openInGnomeWeb, quitGnomeWeb, startDesktop, waitFor } from '../lib/gnome_web.mjs';
import { DELETED_HOST, KEPT_HOST, TRACKER_HOST, WORKER_HOSTS, startWebKitSiteServer } from './webkit_site_server.mjs';

const DELETED_SITE = 'example.test';
const EXIT_PARTIAL = 3;  // native-host cli_command.h: a profile was skipped (its browser runs)
const SITES = [DELETED_HOST, KEPT_HOST];
// Service workers and CacheStorage need a secure context: loopback names are one without TLS.
const [DELETED_LOOPBACK, KEPT_LOOPBACK] = WORKER_HOSTS;

// What cookiewarden deletes in GNOME Web's folder; history (ephy-history.db, session_state.xml)
// and WebKit's tracking-prevention statistics (itp/) are not site storage and stay.
const SITE_STORAGE = ['cookies.sqlite', 'localstorage', 'databases', 'storage'];

// Site-storage files whose path, or whose bytes (WebKit's `origin` files, the cookie database),
// name `site`.
function filesNaming(dir, site) {
  return listTree(dir).filter((name) => SITE_STORAGE.some((top) => name.startsWith(top))).filter((name) => {
    const file = path.join(dir, name);
    if (name.includes(site)) return true;
    return fs.statSync(file).isFile() && fs.readFileSync(file).includes(site);
  });
}

// store id → number of items a `delete --json` removed there.
function itemsByStore(stdout) {
  const counts = {};
  for (const profile of JSON.parse(stdout).profiles)
    for (const store of profile.stores) counts[store.store] = (counts[store.store] ?? 0) + store.items.length;
  return counts;
}

function listTree(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

// Opens each site's `phase` page, then each loopback host's `workerPhase` page, in one GNOME Web
// run and waits for every frame's report.
async function visit(desktop, server, phase, workerPhase, work = async () => {}) {
  const first = openInGnomeWeb(desktop, server.url(SITES[0], phase));
  try {
    for (const [i, host] of SITES.entries()) {
      if (i > 0) await openInGnomeWeb(desktop, server.url(host, phase)).exited;
      await waitFor(`${phase} reports from ${host} and its tracker`, () => {
        const top = server.reports[phase]?.[host];
        return top?.[host] && top?.[TRACKER_HOST];
      });
    }
    for (const host of WORKER_HOSTS) {
      await openInGnomeWeb(desktop, server.url(host, workerPhase)).exited;
      await waitFor(`${workerPhase} report from ${host}`, () => server.reports[workerPhase]?.[host]?.[host]);
    }
    await work();
  } finally {
    const { signal } = await quitGnomeWeb(desktop, first);
    assert.equal(signal, null, `GNOME Web quit by itself (stderr: ${first.stderr().slice(-2000)})`);
  }
  return { ...server.reports[phase], ...server.reports[workerPhase] };
}

describe('GNOME Web (WebKitGTK): cookiewarden delete on data WebKit wrote', () => {
  let server, home, desktop;
  before(async () => {
    server = await startWebKitSiteServer();
    home = createFakeHome('gnome-web');
    desktop = await startDesktop(home.home, server.port);
  });
  after(async () => {
    await desktop?.stop();
    await server?.close();
    home?.remove();
  });

  it('deletes one site and keeps the other, refusing while GNOME Web runs', async () => {
    const profile = path.join(home.home, '.local', 'share', 'epiphany');
    let whileRunning;
    const written = await visit(desktop, server, 'write', 'worker', async () => {
      const before = filesNaming(profile, DELETED_SITE);
      whileRunning = runCookiewarden(['delete', DELETED_SITE, '--browser', 'epiphany'], home.env);
      assert.deepEqual(filesNaming(profile, DELETED_SITE), before, 'example.test\'s files are untouched while GNOME Web runs');
    });
    for (const host of SITES) {
      const label = host === DELETED_HOST ? 'www' : 'news';
      assert.deepEqual(written[host][host], { cookies: [`js_${label}`, `srv_${label}`], localStorage: [`ls_${label}`], indexedDB: [`db_${label}`] },
        `${host} wrote its data`);
    }
    for (const host of WORKER_HOSTS) {
      const label = host === 'localhost' ? 'local' : 'loop';
      assert.deepEqual(written[host][host], { serviceWorkers: ['/'], caches: [`cache_${label}`] }, `${host} registered a worker and a cache`);
    }
    assert.ok(filesNaming(profile, DELETED_SITE).length > 0 && filesNaming(profile, 'keep.test').length > 0,
      'both sites (and the tracker inside each) have files in the profile');

    assert.equal(whileRunning.code, EXIT_PARTIAL, `refused while running: ${whileRunning.stdout}${whileRunning.stderr}`);
    assert.match(whileRunning.stdout + whileRunning.stderr, /GNOME Web is running/);

    // WebKit's network process may outlive the window for a moment: wait until cookiewarden itself
    // sees GNOME Web closed, as a person would wait before running it.
    const gnomeWeb = await waitFor('GNOME Web to be closed in cookiewarden browsers', () => {
      const listed = runCookiewarden(['browsers', '--json'], home.env);
      assert.equal(listed.code, 0, listed.stderr);
      const found = JSON.parse(listed.stdout).profiles.find((p) => p.browser_id === 'epiphany');
      assert.ok(found, `cookiewarden browsers lists GNOME Web: ${listed.stdout}`);
      return !found.running.running && found;
    });
    assert.equal(gnomeWeb.browser_name, 'GNOME Web');

    const deleted = runCookiewarden(['delete', DELETED_SITE, '--browser', 'epiphany', '--json'], home.env);
    assert.equal(deleted.code, 0, `${deleted.stdout}${deleted.stderr}`);
    const fromSite = itemsByStore(deleted.stdout);
    for (const store of ['libsoup_cookies', 'webkit_local_storage', 'webkit_indexeddb', 'webkit_origin_storage'])
      assert.ok(fromSite[store] > 0, `the deletion removed something in ${store}: ${deleted.stdout}`);

    const loopback = runCookiewarden(['delete', DELETED_LOOPBACK, '--browser', 'epiphany', '--json'], home.env);
    assert.equal(loopback.code, 0, `${loopback.stdout}${loopback.stderr}`);
    const fromLoopback = itemsByStore(loopback.stdout);
    for (const store of ['webkit_service_workers', 'webkit_cache_storage'])
      assert.equal(fromLoopback[store], 1, `the deletion of localhost removed one item in ${store}: ${loopback.stdout}`);

    assert.deepEqual(filesNaming(profile, DELETED_SITE), [], 'no file of the profile names example.test any more');
    assert.ok(filesNaming(profile, 'keep.test').length > 0, 'keep.test\'s files are still there');

    const seen = await visit(desktop, server, 'report', 'workers');
    assert.deepEqual(seen[DELETED_HOST][DELETED_HOST], { cookies: [], localStorage: [], indexedDB: [] }, 'example.test sees nothing');
    assert.deepEqual(seen[KEPT_HOST][KEPT_HOST], written[KEPT_HOST][KEPT_HOST], 'news.keep.test sees everything it had');
    assert.deepEqual(seen[DELETED_LOOPBACK][DELETED_LOOPBACK], { serviceWorkers: [], caches: [] }, 'localhost has no worker or cache');
    assert.deepEqual(seen[KEPT_LOOPBACK][KEPT_LOOPBACK], written[KEPT_LOOPBACK][KEPT_LOOPBACK], '127.0.0.1 keeps its worker and cache');
  });
});
