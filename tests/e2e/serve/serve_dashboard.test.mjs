// `cookiewarden serve` end to end: the server started as a person would (--port 0, its browser
// opener a script on PATH that records its arguments) with HOME at a fake home holding a closed Chromium profile and a closed Firefox profile made from the
// real browser-written cookie stores, plus a Google Chrome profile whose browser counts as running
// (its SingletonLock names this live process). The private page the opener was given is opened in
// real Chromium, which trades its one-time code for the token (no token on any command line or
// printed line); the page lists the profiles, shows what each holds for tracker.test, previews and then
// deletes it. sqlite3 then shows exactly tracker.test's rows gone from the closed profiles, every
// other row kept, the running profile untouched; the page's Undo brings the rows back. Refusals are checked from node over plain HTTP
// (no token, wrong Host, foreign Origin, oversized body) and from a real cross-site page in the
// same Chromium (fetch and WebSocket), each carrying a real delete_site that must not run.
//
// Run: COOKIEWARDEN=build/native/native-host/cookiewarden node --test tests/e2e/serve/
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { launchChromium } from '../lib/chromium_browser.mjs';
import { cookieOfSite, readCookieRows } from '../lib/cookie_rows.mjs';
import { CHROMIUM_COOKIES, FIREFOX_COOKIES } from '../lib/cookie_store_fixtures.mjs';
import { COOKIEWARDEN } from '../lib/cookiewarden_cli.mjs';
import { chromiumProfile, createFakeHome, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';
import { sqliteRows } from '../lib/sqlite_probe.mjs';

const SITE = 'tracker.test';

let home;
let viewerDir;
let serve;       // {child, match, port, output, token (once the page traded its code)}
let openerDir;   // the recording xdg-open, first on serve's PATH
let openerArgs;  // the file where it writes its argv, one per line
let browser;     // the Chromium that shows the dashboard
let attacker;    // a cross-site page's server
let deletedRows; // tracker.test's rows in the closed profiles before the dashboard deleted them
const profiles = {};

const sha1 = (file) => createHash('sha1').update(fs.readFileSync(file)).digest('hex');

function copyStore(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  fs.chmodSync(to, 0o644);  // a checkout may not keep the mode; browsers write theirs 0644/0600
}

// Starts `cookiewarden serve ARGS` and resolves once its output matches `ready`.
function startServe(env, args, ready) {
  const child = spawn(COOKIEWARDEN, ['serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(ready);
      if (match) resolve({ child, match, port: Number(match[1]), output: () => output });
    });
    child.once('exit', (code) => reject(new Error(`cookiewarden serve exited (${code}) before printing its link:\n${output}`)));
  });
}

// One HTTP request from node with exactly the headers given: {status, body (parsed JSON or text)}.
function request({ method = 'POST', pathname = '/api', headers = {}, body = '', port = serve.port }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers: { 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        let parsed = text;
        try { parsed = JSON.parse(text); } catch { /* the page */ }
        resolve({ status: res.statusCode, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ownHost = () => `127.0.0.1:${serve.port}`;
const bearer = () => ({ Authorization: `Bearer ${serve.token}` });
const deleteRequest = JSON.stringify({ id: 'attack', cmd: 'delete_site', args: { site: SITE } });

// Records every text the page's progress line shows from now on (MutationObserver), so a test
// can read what was displayed however quickly it changed.
async function watchProgress(page) {
  await page.evaluate(() => {
    window.progressShown = [];
    if (window.progressWatched) return;
    window.progressWatched = true;
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) window.progressShown.push(node.textContent);
    }).observe(document.getElementById('progress'), { childList: true });
  });
}
const progressShown = (page) => page.evaluate(() => window.progressShown);

const trackerRows = (profile) => readCookieRows(profile).filter((row) => cookieOfSite(row, SITE));
const otherRows = (profile) => readCookieRows(profile).filter((row) => !cookieOfSite(row, SITE));

function assertNothingDeleted() {
  assert.equal(trackerRows(profiles.chromium).length, 3, 'Chromium still holds its 3 tracker.test cookies');
  assert.equal(trackerRows(profiles.firefox).length, 6, 'Firefox still holds its 6 tracker.test cookies');
}

before(async () => {
  home = createFakeHome('serve');
  profiles.chromium = chromiumProfile(home.configDir);
  copyStore(CHROMIUM_COOKIES, profiles.chromium.cookieDb);
  [profiles.firefox] = firefoxProfiles(firefoxRoot.xdg(home), ['work']);
  copyStore(FIREFOX_COOKIES, profiles.firefox.cookieDb);
  // Google Chrome "running": its SingletonLock names this host and a live pid (this process).
  profiles.chrome = chromiumProfile(home.configDir, 'google-chrome');
  copyStore(CHROMIUM_COOKIES, profiles.chrome.cookieDb);
  fs.symlinkSync(`${os.hostname()}-${process.pid}`, path.join(profiles.chrome.userDataDir, 'SingletonLock'));

  openerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-e2e-serve-opener-'));
  openerArgs = path.join(openerDir, 'argv');
  fs.writeFileSync(path.join(openerDir, 'xdg-open'), '#!/bin/sh\nprintf \'%s\\n\' "$0" "$@" > "$CW_OPENER_ARGS"\n', { mode: 0o755 });
  const env = { ...home.env, PATH: `${openerDir}:${process.env.PATH}`, CW_OPENER_ARGS: openerArgs };
  serve = await startServe(env, ['--port', '0'], /listening on 127\.0\.0\.1:(\d+).*\n(?:.*\n)*Anyone/);
  viewerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-e2e-serve-viewer-'));
  browser = await launchChromium({ userDataDir: viewerDir, env: process.env });
  attacker = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>some web page</title>');
  });
  await new Promise((resolve) => attacker.listen(0, '127.0.0.1', resolve));
});

after(async () => {
  await browser?.close();
  attacker?.close();
  if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
  home?.remove();
  if (viewerDir) fs.rmSync(viewerDir, { recursive: true, force: true });
  if (openerDir) fs.rmSync(openerDir, { recursive: true, force: true });
});

test('serve listens on loopback only', () => {
  assert.match(serve.output(), /listening on 127\.0\.0\.1:\d+( and \[::1\]:\d+)?\n/);
  assert.ok(serve.port > 0);
});

// The opener runs in the background: its record appears shortly after serve printed its lines.
async function openerArgv() {
  for (let waited = 0; !fs.existsSync(openerArgs) || !fs.readFileSync(openerArgs, 'utf8').endsWith('\n'); waited += 50) {
    if (waited > 20000) throw new Error('the browser opener was not started');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return fs.readFileSync(openerArgs, 'utf8').slice(0, -1).split('\n');
}

test('the browser opener gets only a private file path; the page trades its one-time code for the token', async () => {
  const argv = await openerArgv();
  assert.equal(argv.length, 2, argv.join(' '));
  const launchPage = argv[1];
  assert.match(launchPage, /cookiewarden-serve-[^/]+\/dashboard\.html$/);
  assert.equal(fs.statSync(launchPage).mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.dirname(launchPage)).mode & 0o777, 0o700);
  const code = fs.readFileSync(launchPage, 'utf8').match(/#code=([0-9a-f]{64})"/)[1];

  const { page } = browser;
  await page.goto(pathToFileURL(launchPage).href);
  await page.locator('#profiles tbody tr').first().waitFor();
  serve.token = await page.evaluate(() => sessionStorage.getItem('cookiewarden.token'));
  assert.match(serve.token, /^[0-9a-f]{64}$/);
  assert.notEqual(serve.token, code);
  assert.equal(await page.evaluate(() => location.hash), '');
  for (const arg of argv) assert.ok(!arg.includes(serve.token) && !arg.includes(code), `the opener got ${arg}`);
  assert.ok(!serve.output().includes(serve.token) && !serve.output().includes(code), 'nothing secret printed');
  assert.ok(!fs.existsSync(path.dirname(launchPage)), 'the launch page is removed once its code is traded');

  const again = await request({ pathname: '/token', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
  assert.equal(again.status, 401);
  assert.equal(again.body.error.code, 'not_allowed');
});

test('--no-open prints a one-time link, never the token: it trades once', async () => {
  const other = await startServe(home.env, ['--no-open', '--port', '0'],
    /Dashboard \(this link works once, within 10 minutes\): http:\/\/127\.0\.0\.1:(\d+)\/#code=([0-9a-f]{64})\n/);
  try {
    const exchange = () => request({ port: other.port, pathname: '/token', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: other.match[2] }) });
    const first = await exchange();
    assert.equal(first.status, 200);
    assert.match(first.body.token, /^[0-9a-f]{64}$/);
    assert.ok(!other.output().includes(first.body.token));
    assert.equal((await exchange()).status, 401);
    const hello = await request({ port: other.port, headers: { Authorization: `Bearer ${first.body.token}` }, body: '{"id":1,"cmd":"hello"}' });
    assert.equal(hello.status, 200);
    assert.equal(hello.body.ok, true);
  } finally {
    other.child.kill('SIGTERM');
  }
});

test('refused over HTTP: no token 401, wrong token 401, rebinding Host 421, foreign Origin 403, 2 MiB body 413', async () => {
  const noToken = await request({ headers: { 'Content-Type': 'application/json' }, body: deleteRequest });
  assert.equal(noToken.status, 401);
  assert.equal(noToken.body.ok, false);
  assert.equal(noToken.body.error.code, 'not_allowed');

  const wrongToken = await request({ headers: { Authorization: `Bearer ${'0'.repeat(64)}` }, body: deleteRequest });
  assert.equal(wrongToken.status, 401);

  const rebound = await request({ headers: { ...bearer(), Host: `rebound.attacker.test:${serve.port}` }, body: deleteRequest });
  assert.equal(rebound.status, 421);
  assert.equal(rebound.body.error.code, 'not_allowed');

  const foreign = await request({ headers: { ...bearer(), Origin: 'https://attacker.test' }, body: deleteRequest });
  assert.equal(foreign.status, 403);

  const huge = await request({ headers: bearer(), body: 'x'.repeat(2 << 20) }).catch((error) => ({ status: 'reset', error }));
  // The server answers 413 from the head and closes; node may see the reset first while still sending.
  assert.ok(huge.status === 413 || huge.status === 'reset', `got ${huge.status}`);
  if (huge.status === 413) assert.equal(huge.body.error.code, 'too_large');

  const malformed = await request({ headers: bearer(), body: '{"id":1,' });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.error.code, 'invalid_json');

  assertNothingDeleted();
});

test('the dashboard lists every profile, the running one marked, and keeps its token across a reload', async () => {
  const { page } = browser;
  await page.goto(`http://127.0.0.1:${serve.port}/`);
  const rows = page.locator('#profiles tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 3);
  assert.equal(await page.locator('#connection').textContent(), 'connected');
  assert.equal(await page.locator('#profiles tr[data-profile="chrome/Default"]').getAttribute('data-running'), 'true');
  assert.equal(await page.locator('#profiles tr[data-profile="chromium/Default"]').getAttribute('data-running'), 'false');
  assert.equal(await page.locator('#profiles tr[data-profile="chrome/Default"] .pill.block').textContent(), 'running');
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.ok(!page.url().includes(serve.token));
});

test('a site search shows what each profile holds; preview changes nothing; Delete removes exactly that site', async () => {
  const { page } = browser;
  const chromeBefore = sha1(profiles.chrome.cookieDb);
  const chromiumOthers = otherRows(profiles.chromium);
  const firefoxOthers = otherRows(profiles.firefox);
  assert.ok(chromiumOthers.length > 0 && firefoxOthers.length > 0);
  deletedRows = { chromium: trackerRows(profiles.chromium), firefox: trackerRows(profiles.firefox) };

  await page.fill('#site', SITE);
  await page.click('#site-form button[type=submit]');
  await page.locator('#holdings tbody tr').first().waitFor();
  const cookies = async (key) => page.locator(`#holdings tr[data-profile="${key}"] [data-field=cookies]`).textContent();
  assert.equal(await cookies('chromium/Default'), '3');
  assert.equal(await cookies('firefox/work.default'), '6');

  await watchProgress(page);
  await page.click('#preview');
  await page.locator('#outcome[data-state=preview]').waitFor();
  const previewProgress = await progressShown(page);
  assert.ok(previewProgress.some((line) => /^Previewing in Chromium \/ .+ \([123] of 3\)…$/.test(line)), previewProgress.join(' | '));
  assert.ok(previewProgress.some((line) => /^Firefox \/ .+: 6 items would be deleted \([123] of 3\)$/.test(line)), previewProgress.join(' | '));
  assert.match(await page.locator('#outcome-title').textContent(), /Preview for tracker\.test: 9 items would be deleted/);
  assert.equal(await page.locator('#outcomes tr[data-profile="chrome/Default"]').getAttribute('data-result'), 'running');
  // The preview names what would go, partitioned cookies with their top-level site.
  const firefoxPreview = await page.locator('#outcomes tr[data-profile="firefox/work.default"] ul.items').textContent();
  assert.ok(firefoxPreview.includes('cookie ads.tracker.test srv_ads (under http://keep.test)'), firefoxPreview);
  assert.equal(await page.locator('#outcomes tr[data-profile="firefox/work.default"] ul.items li').count(), 6);
  assertNothingDeleted();

  // The running profile's refusal is shown in the host's own words.
  const dryRun = await request({ headers: bearer(), body: JSON.stringify({ id: 1, cmd: 'delete_site', args: { site: SITE, targets: ['chrome/Default'], dry_run: true } }) });
  const refusal = dryRun.body.result.profiles[0].message;
  assert.ok(refusal.length > 0);
  assert.ok((await page.locator('#outcomes tr[data-profile="chrome/Default"]').textContent()).includes(refusal));

  assert.equal(await page.locator('#delete').isEnabled(), true);
  await watchProgress(page);
  await page.click('#delete');
  await page.locator('#outcome[data-state=deleted]').waitFor();
  // The page said where the host was, profile by profile, and then gave way to the outcome.
  const shown = await progressShown(page);
  console.log(`progress shown while deleting:\n  ${shown.join('\n  ')}`);
  assert.ok(shown.some((line) => /^Deleting in Chromium \/ .+ \([123] of 3\)…$/.test(line)), shown.join(' | '));
  assert.ok(shown.some((line) => /^Chromium \/ .+: 3 items deleted \([123] of 3\)$/.test(line)), shown.join(' | '));
  assert.ok(shown.some((line) => /^Google Chrome \/ .+: skipped, running \([123] of 3\)$/.test(line)), shown.join(' | '));
  assert.equal(await page.locator('#progress').isHidden(), true);
  assert.match(await page.locator('#outcome-title').textContent(), /tracker\.test: 9 items deleted \(some profiles were skipped/);
  assert.equal(await page.locator('#outcomes tr[data-profile="chromium/Default"]').getAttribute('data-result'), 'done');
  assert.equal(await page.locator('#outcomes tr[data-profile="chromium/Default"] [data-field=deleted]').textContent(), '3');
  assert.equal(await page.locator('#outcomes tr[data-profile="firefox/work.default"] [data-field=deleted]').textContent(), '6');

  assert.deepEqual(trackerRows(profiles.chromium), []);
  assert.deepEqual(trackerRows(profiles.firefox), []);
  assert.deepEqual(otherRows(profiles.chromium), chromiumOthers);
  assert.deepEqual(otherRows(profiles.firefox), firefoxOthers);
  assert.equal(sha1(profiles.chrome.cookieDb), chromeBefore, 'the running browser\'s profile is untouched');
  // The page refreshed its view: nothing left in the closed profiles.
  await page.waitForFunction(() => document.querySelector('#holdings tr[data-profile="chromium/Default"] [data-field=cookies]')?.textContent === '0');
});

test('Undo on the dashboard puts back exactly the rows the deletion removed', async () => {
  const { page } = browser;
  // Each deleted profile says until when it can be undone; the running one was not deleted.
  assert.equal(await page.locator('#outcomes tr[data-profile="chromium/Default"] [data-field=undo-until]').count(), 1);
  assert.equal(await page.locator('#outcomes tr[data-profile="chrome/Default"] [data-field=undo-until]').count(), 0);
  await page.click('#undo');
  await page.locator('#undo-outcome[data-state=complete]').waitFor();
  const lines = await page.locator('#undo-results li').allTextContents();
  console.log(`undo:\n  ${lines.join('\n  ')}`);
  assert.match(await page.locator('#undo-results li[data-profile="chromium/Default"]').textContent(), /— 3 items restored/);
  assert.match(await page.locator('#undo-results li[data-profile="firefox/work.default"]').textContent(), /— 6 items restored/);
  assert.equal(await page.locator('#undo').isHidden(), true, 'nothing is left to undo');
  assert.deepEqual(trackerRows(profiles.chromium), deletedRows.chromium);
  assert.deepEqual(trackerRows(profiles.firefox), deletedRows.firefox);
  await page.waitForFunction(() => document.querySelector('#holdings tr[data-profile="chromium/Default"] [data-field=cookies]')?.textContent === '3');
});

// A Google Analytics cookie on keep.test in each closed profile (and in the running one): a copy
// of the file's first row under that name, as the browser would have stored it.
function addAnalyticsCookie(profile) {
  const [table, host, id] = profile.family === 'chromium' ? ['cookies', 'host_key', null] : ['moz_cookies', 'host', 'id'];
  const sql = `CREATE TEMP TABLE r AS SELECT * FROM ${table} LIMIT 1; UPDATE temp.r SET ${host} = '.keep.test', name = '_ga'` +
    `${id ? `, ${id} = (SELECT max(id) + 1 FROM main.${table})` : ''}; INSERT INTO main.${table} SELECT * FROM temp.r;`;
  sqliteRows(profile.cookieDb, sql);
}
const analyticsRows = (profile) => readCookieRows(profile).filter((row) => row.name === '_ga');

test('"Apply my choices to every browser": the preview changes nothing, Apply removes exactly the refused cookies', async () => {
  const { page } = browser;
  for (const key of ['chromium', 'firefox', 'chrome']) addAnalyticsCookie(profiles[key]);
  const chromeBefore = sha1(profiles.chrome.cookieDb);
  const notAnalytics = (profile) => otherRows(profile).filter((row) => row.name !== '_ga');
  const othersBefore = { chromium: notAnalytics(profiles.chromium), firefox: notAnalytics(profiles.firefox) };

  await page.click('#sweep-necessary-only');
  await page.click('#sweep-preview');
  await page.locator('#sweep-outcome[data-state=preview]').waitFor();
  assert.match(await page.locator('#sweep-title').textContent(), /^Preview: 2 cookies would be removed$/);
  assert.equal(await page.locator('#sweep-outcomes tr[data-profile="chromium/Default"] [data-field=removed]').textContent(), '1');
  assert.match(await page.locator('#sweep-outcomes tr[data-profile="chromium/Default"] li[data-category=analytics]').textContent(),
    /analytics: kept 0, would remove 1/);
  assert.equal(await page.locator('#sweep-outcomes tr[data-profile="chrome/Default"]').getAttribute('data-result'), 'running');
  assert.equal(analyticsRows(profiles.chromium).length, 1, 'the preview removed nothing');
  assert.equal(analyticsRows(profiles.firefox).length, 1, 'the preview removed nothing');

  await page.click('#sweep-apply');
  await page.locator('#sweep-outcome[data-state=applied]').waitFor();
  assert.match(await page.locator('#sweep-title').textContent(), /^2 cookies removed \(some profiles were skipped/);
  assert.match(await page.locator('#sweep-outcomes tr[data-profile="firefox/work.default"]').textContent(), /top vendors: Google Analytics 1/);
  assert.deepEqual(analyticsRows(profiles.chromium), []);
  assert.deepEqual(analyticsRows(profiles.firefox), []);
  assert.deepEqual(otherRows(profiles.chromium), othersBefore.chromium);
  assert.deepEqual(otherRows(profiles.firefox), othersBefore.firefox);
  assert.equal(sha1(profiles.chrome.cookieDb), chromeBefore, 'the running browser\'s profile is untouched');
  assert.equal(await page.locator('#sweep-apply').isDisabled(), true, 'Apply needs a new preview');
});

test('the dashboard\'s WebSocket carries the same commands; without the token it does not open', async () => {
  const { page } = browser;
  const result = await page.evaluate(async () => {
    const token = sessionStorage.getItem('cookiewarden.token');
    const open = (protocols) => new Promise((resolve) => {
      const ws = new WebSocket(`ws://${location.host}/ws`, protocols);
      ws.onopen = () => ws.send(JSON.stringify({ id: 'w', cmd: 'hello' }));
      ws.onmessage = (event) => { resolve({ protocol: ws.protocol, reply: JSON.parse(event.data) }); ws.close(); };
      ws.onerror = () => resolve({ error: true });
    });
    return { good: await open(['cookiewarden', `cookiewarden.token.${token}`]), bad: await open(['cookiewarden']) };
  });
  assert.equal(result.good.protocol, 'cookiewarden');
  assert.equal(result.good.reply.id, 'w');
  assert.equal(result.good.reply.ok, true);
  assert.deepEqual(result.good.reply.result.capabilities.sort(), ['browsers', 'delete_site', 'hello', 'site_data', 'sweep', 'undo', 'undo_list']);
  assert.deepEqual(result.bad, { error: true });
});

test('over the WebSocket a deletion asked for progress sends it per profile, with its id, before its reply', async () => {
  const { page } = browser;
  const messages = await page.evaluate(async (site) => {
    const token = sessionStorage.getItem('cookiewarden.token');
    const ws = new WebSocket(`ws://${location.host}/ws`, ['cookiewarden', `cookiewarden.token.${token}`]);
    await new Promise((resolve) => { ws.onopen = resolve; });
    const exchange = (request) => new Promise((resolve) => {
      const received = [];
      ws.onmessage = (event) => {
        const message = JSON.parse(event.data);
        received.push(message);
        if ('ok' in message) resolve(received);
      };
      ws.send(JSON.stringify(request));
    });
    const asked = await exchange({ id: 'p', cmd: 'delete_site', progress: true, args: { site, dry_run: true } });
    const unasked = await exchange({ id: 'q', cmd: 'delete_site', args: { site, dry_run: true } });
    ws.close();
    return { asked, unasked };
  }, SITE);
  assert.equal(messages.unasked.length, 1, 'without "progress": true only the reply comes');
  assert.equal(messages.unasked[0].ok, true);
  const reply = messages.asked.at(-1);
  assert.equal(reply.ok, true, JSON.stringify(reply));
  const progress = messages.asked.slice(0, -1);
  assert.ok(progress.every((m) => m.id === 'p' && m.progress && !('ok' in m)), JSON.stringify(progress));
  const profilesSeen = reply.result.profiles.length;
  assert.equal(progress.length, 2 * profilesSeen, JSON.stringify(progress));
  progress.forEach(({ progress: p }, i) => {
    assert.equal(p.total, profilesSeen);
    assert.equal(p.done, Math.floor((i + 1) / 2));
    assert.equal(p.state === 'deleting', i % 2 === 0, JSON.stringify(p));
    assert.equal(p.target, `${reply.result.profiles[Math.floor(i / 2)].profile.browser_id}/${reply.result.profiles[Math.floor(i / 2)].profile.profile_id}`);
  });
  const chrome = progress.find(({ progress: p }) => p.target === 'chrome/Default' && p.state !== 'deleting');
  assert.deepEqual([chrome.progress.state, chrome.progress.reason], ['skipped', 'running']);
});

test('a cross-site web page cannot drive the server, even knowing the token (fetch and WebSocket)', async () => {
  // Put tracker.test back in the Chromium profile, so a deletion would show.
  copyStore(CHROMIUM_COOKIES, profiles.chromium.cookieDb);
  const page = await browser.browser.contexts()[0].newPage();
  await page.goto(`http://attacker.test:${attacker.address().port}/`);
  const outcome = await page.evaluate(async ({ port, token, body }) => {
    const api = `http://127.0.0.1:${port}/api`;
    const attempts = {};
    try {
      const response = await fetch(api, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
      attempts.fetch = response.status;
    } catch { attempts.fetch = 'blocked'; }
    // A "simple" request needs no preflight: it reaches the server, which must refuse it (Origin).
    await fetch(api, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body }).catch(() => {});
    attempts.ws = await new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['cookiewarden', `cookiewarden.token.${token}`]);
      ws.onopen = () => { ws.send(body); resolve('open'); };
      ws.onerror = () => resolve('refused');
    });
    return attempts;
  }, { port: serve.port, token: serve.token, body: deleteRequest });
  await page.close();
  assert.equal(outcome.fetch, 'blocked');
  assert.equal(outcome.ws, 'refused');
  assert.equal(trackerRows(profiles.chromium).length, 3, 'nothing was deleted');
});

test('a wrong token and a stopped server are clear error states; SIGTERM stops serve cleanly', async () => {
  const { page } = browser;
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('about:blank');  // else only the fragment changes and the page is not reloaded
  await page.goto(`http://127.0.0.1:${serve.port}/#code=${'0'.repeat(64)}`);
  await page.locator('#fatal:not([hidden])').waitFor();
  assert.match(await page.locator('#fatal').textContent(), /already used or has expired/);
  assert.equal(await page.locator('#connection').textContent(), 'bad token');

  await page.evaluate(() => sessionStorage.setItem('cookiewarden.token', '0'.repeat(64)));
  await page.goto('about:blank');
  await page.goto(`http://127.0.0.1:${serve.port}/`);
  await page.locator('#fatal:not([hidden])').waitFor();
  assert.match(await page.locator('#fatal').textContent(), /refused this page's token/);

  await page.evaluate((token) => sessionStorage.setItem('cookiewarden.token', token), serve.token);
  await page.goto('about:blank');
  await page.goto(`http://127.0.0.1:${serve.port}/`);
  await page.locator('#profiles tbody tr').first().waitFor();
  assert.equal(await page.locator('#connection').textContent(), 'connected');
  const exited = new Promise((resolve) => serve.child.once('exit', (code, signal) => resolve({ code, signal })));
  serve.child.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
  assert.match(serve.output(), /cookiewarden serve: stopped\n/);

  await page.click('#refresh');
  await page.locator('#fatal:not([hidden])').waitFor();
  assert.match(await page.locator('#fatal').textContent(), /does not answer/);
  assert.equal(await page.locator('#connection').textContent(), 'server gone');
});
