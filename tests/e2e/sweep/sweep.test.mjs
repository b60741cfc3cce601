// Acceptance test of `cookiewarden sweep` on real profiles: Chromium and Firefox ESR, with no
// extension, visit two shops (session and CSRF cookies, a first-party basket cookie no rule knows,
// Google Analytics' _ga/_gid, Meta's _fbp, Google Ads' _gcl_au) and close. Under a policy that is
// necessary-only with analytics allowed on shop-a, the sweep must remove exactly _ga, _gid, _fbp
// and _gcl_au on shop-b and _fbp, _gcl_au on shop-a and keep every other row; the stores pass
// integrity_check; --dry-run changes no byte; a running browser is skipped unchanged; the shops
// loaded again in the same browsers get exactly the kept cookies; undo brings the rest back byte
// for byte, and the browsers send them again.
//
// Run: COOKIEWARDEN=build/native/native-host/cookiewarden node --test tests/e2e/sweep/sweep.test.mjs
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { launchProfile, withBrowser } from '../lib/browser_session.mjs';
import { exactCookieRows, readCookieRows } from '../lib/cookie_rows.mjs';
import { COOKIEWARDEN, runCookiewarden } from '../lib/cookiewarden_cli.mjs';
import { chromiumProfile, createFakeHome, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { SHOP_COOKIES, SHOP_HOSTS, startShopServer } from '../lib/shop_server.mjs';
import { integrityCheck } from '../lib/sqlite_probe.mjs';

const POLICY = {
  defaults: { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' },
  sites: { 'shop-a.test': { analytics: 'allow' } },
};
const REMOVED = { 'shop-a.test': ['_fbp', '_gcl_au'], 'shop-b.test': ['_fbp', '_ga', '_gcl_au', '_gid'] };

let server;
let home;
let policyFile;
let profiles;

function describeRun(run) {
  return `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
}

// Every file of the profile folder and its bytes' hash: "no byte changed" means equal maps.
function folderHashes(dir) {
  const out = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    out[path.relative(dir, file)] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

// The cookie database and its journal files, as hashes. Only those are read: a running browser
// creates and removes other files of its profile meanwhile (Firefox's telemetry .tmp files).
function cookieFileHashes(profile) {
  const dir = path.dirname(profile.cookieDb);
  const base = path.basename(profile.cookieDb);
  return Object.fromEntries(fs.readdirSync(dir).filter((name) => name.startsWith(base)).sort()
    .map((name) => [name, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex')]));
}

function profileDir(profile) {
  return profile.family === 'chromium' ? profile.userDataDir : profile.profileDir;
}

function shopSite(row) {
  return row.host.replace(/^\./, '').replace(/^www\./, '');
}

// The shop cookies on disk: {site: [names]}.
function shopCookiesOnDisk(profile) {
  const out = {};
  for (const row of readCookieRows(profile)) {
    const site = shopSite(row);
    if (!(site in REMOVED)) continue;
    (out[site] ??= []).push(row.name);
  }
  for (const names of Object.values(out)) names.sort();
  return out;
}

function keptNames(site) {
  return SHOP_COOKIES.filter((name) => !REMOVED[site].includes(name)).sort();
}

function sweep(args) {
  return runCookiewarden(['sweep', '--policy', policyFile, ...args], home.env);
}

describe('cookiewarden sweep on real Chromium and Firefox ESR profiles', { concurrency: 1 }, () => {
  before(async () => {
    assert.ok(fs.existsSync(COOKIEWARDEN), `built cookiewarden at ${COOKIEWARDEN} (set COOKIEWARDEN)`);
    server = await startShopServer();
    home = createFakeHome('sweep');
    policyFile = path.join(home.home, 'policy.json');
    fs.writeFileSync(policyFile, JSON.stringify(POLICY));
    profiles = [chromiumProfile(home.configDir), firefoxProfiles(firefoxRoot.legacy(home), ['main'])[0]];
  });
  after(async () => {
    await server?.close();
    if (!process.env.CW_E2E_KEEP) home?.remove();
  });

  const seen = {};  // family -> {host: cookie names sent} before the sweep
  const rowsBefore = {};

  it('both browsers visit the shops and keep every cookie on disk', async () => {
    for (const profile of profiles) {
      seen[profile.family] = await withBrowser(profile, home.env, SHOP_HOSTS, async (page) => {
        await server.visitAll(page);
        return server.sentCookies(page);
      });
      for (const host of SHOP_HOSTS) assert.deepEqual(seen[profile.family][host], [...SHOP_COOKIES].sort(), `${profile.family} ${host}`);
      assert.deepEqual(shopCookiesOnDisk(profile), { 'shop-a.test': [...SHOP_COOKIES].sort(), 'shop-b.test': [...SHOP_COOKIES].sort() });
      rowsBefore[profile.family] = exactCookieRows(profile);
    }
  });

  it('--dry-run says what would go and changes no byte', () => {
    const hashes = profiles.map((p) => folderHashes(profileDir(p)));
    const run = sweep(['--dry-run', '--json']);
    assert.equal(run.code, 0, describeRun(run));
    const result = JSON.parse(run.stdout);
    assert.equal(result.dry_run, true);
    for (const swept of result.profiles) {
      assert.equal(swept.cookies.removed, 6, `${swept.profile.browser_id}: 6 cookies would go`);
      assert.equal(swept.undo, null);
    }
    assert.deepEqual(profiles.map((p) => folderHashes(profileDir(p))), hashes);
  });

  it('a running browser is skipped unchanged', async () => {
    for (const profile of profiles) {
      const browser = await launchProfile(profile, home.env, SHOP_HOSTS);
      try {
        // Firefox holds its cookie file exclusively while it runs: compare the bytes, not rows.
        const bytes = cookieFileHashes(profile);
        const run = sweep(['--browser', profile.family, '--json']);
        assert.equal(run.code, 3, describeRun(run));
        const [swept] = JSON.parse(run.stdout).profiles;
        assert.equal(swept.skipped, 'running');
        assert.match(swept.message, /is running/);
        assert.deepEqual(cookieFileHashes(profile), bytes);
      } finally {
        await browser.close();
      }
    }
  });

  let undoIds;
  it('removes exactly the refused cookies, keeps the rest, and the stores stay sound', () => {
    const run = sweep(['--json']);
    assert.equal(run.code, 0, describeRun(run));
    const result = JSON.parse(run.stdout);
    undoIds = result.profiles.map((p) => p.undo.id);
    for (const profile of profiles) {
      assert.deepEqual(shopCookiesOnDisk(profile), { 'shop-a.test': keptNames('shop-a.test'), 'shop-b.test': keptNames('shop-b.test') },
        `${profile.family}: what is left of the shops`);
      const left = exactCookieRows(profile);
      assert.equal(left.length, rowsBefore[profile.family].length - 6, `${profile.family}: nothing else was removed`);
      assert.ok(left.every((row) => rowsBefore[profile.family].includes(row)), `${profile.family}: the rest is unchanged`);
      assert.equal(integrityCheck(profile.cookieDb), 'ok');
    }
    for (const swept of result.profiles) {
      assert.equal(swept.cookies.categories.analytics.removed, 2);
      assert.equal(swept.cookies.categories.analytics.kept, 2);
      assert.equal(swept.cookies.categories.marketing.removed, 4);
    }
  });

  it('the shops loaded again get exactly the kept cookies', async () => {
    for (const profile of profiles) {
      const sent = await withBrowser(profile, home.env, SHOP_HOSTS, (page) => server.sentCookies(page));
      assert.deepEqual(sent, { 'www.shop-a.test': keptNames('shop-a.test'), 'www.shop-b.test': keptNames('shop-b.test') }, profile.family);
    }
  });

  it('undo brings every removed cookie back byte for byte, and the browsers send them again', async () => {
    for (const id of undoIds) {
      const run = runCookiewarden(['undo', id], home.env);
      assert.equal(run.code, 0, describeRun(run));
    }
    for (const profile of profiles) {
      assert.deepEqual(exactCookieRows(profile), rowsBefore[profile.family], profile.family);
      assert.equal(integrityCheck(profile.cookieDb), 'ok');
      const sent = await withBrowser(profile, home.env, SHOP_HOSTS, (page) => server.sentCookies(page));
      assert.deepEqual(sent, seen[profile.family], profile.family);
    }
  });
});
