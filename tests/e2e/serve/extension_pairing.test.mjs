// The extension without native messaging, through `cookiewarden serve`: real Chromium with the
// packaged extension and no native host installed (a fresh user-data-dir outside the fake home,
// `cookiewarden install` never run), serve running on that fake home, which holds a closed
// Firefox profile with the real Firefox ESR cookie store (tracker.test's cookies and others).
// The dashboard (opened from serve's one-time link in the same Chromium) shows a pairing code; the
// extension's options page takes it; the popup's "Delete site data" on tracker.test then deletes
// tracker.test's cookies from the Firefox profile through serve (sqlite3 checks the rows), with
// progress. Refused, with nothing run: a reused pairing code, /api from the extension's origin
// with no token or a wrong one, the install's token from a web page's origin or with no origin.
// serve stopped: the popup says it is not running on the paired port; with that port held by
// another program, serve started without --port takes another and says what to do; once the port
// is free, serve restarted without --port listens on it again and the same pairing deletes again. After the dashboard
// revokes the install, the popup's next deletion is refused and says to pair again.
//
// Run: COOKIEWARDEN=build/native/native-host/cookiewarden node --test tests/e2e/serve/extension_pairing.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchWithExtension, waitFor, waitForEnforcement } from '../extension/extension_browser.mjs';
import { cookieOfSite, readCookieRows } from '../lib/cookie_rows.mjs';
import { FIREFOX_COOKIES } from '../lib/cookie_store_fixtures.mjs';
import { COOKIEWARDEN } from '../lib/cookiewarden_cli.mjs';
import { createFakeHome, firefoxProfiles, firefoxRoot } from '../lib/fake_home.mjs';

const SITE = 'tracker.test';

let site;       // the page every host name reaches (Chromium maps them all to it)
let home;
let firefox;
let serve;      // {child, port, link}
let browser;
let dashboard;  // the dashboard page
let pairingText;
let pairing;    // what the extension kept in storage.local

const trackerRows = () => readCookieRows(firefox).filter((row) => cookieOfSite(row, SITE));
const otherRows = () => readCookieRows(firefox).filter((row) => !cookieOfSite(row, SITE));

function startServe(env, portArgs = ['--port', '0']) {
  const child = spawn(COOKIEWARDEN, ['serve', '--no-open', ...portArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk) => {
      output += chunk;
      const match = output.match(/listening on 127\.0\.0\.1:(\d+)[\s\S]*?: (http:\/\/\S+)\n/);
      if (match) resolve({ child, port: Number(match[1]), link: match[2], output });
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => reject(new Error(`cookiewarden serve exited (${code}):\n${output}`)));
  });
}

// One request from node with exactly these headers: {status, body}.
function post(pathname, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: serve.port, method: 'POST', path: pathname,
      headers: { Host: `127.0.0.1:${serve.port}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        let parsed = text;
        try { parsed = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const extensionOrigin = () => `chrome-extension://${browser.extensionId}`;
const deleteRequest = JSON.stringify({ id: 'refused', cmd: 'delete_site', args: { site: SITE } });

// Opens the popup for a tab on tracker.test, deletes, and returns the "other browsers" lines.
async function deleteFromPopup() {
  const tab = await browser.context.newPage();
  await tab.goto(`http://${SITE}/`, { waitUntil: 'load' });
  const tabId = await browser.worker.evaluate(async (host) => (await chrome.tabs.query({ url: `http://${host}/*` }))[0]?.id, SITE);
  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl(`pages/popup.html?tab=${tabId}`));
  await waitFor('the popup', async () => (await popup.locator('#site').innerText()) === SITE);
  await popup.evaluate(() => {
    window.progressShown = [];
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) window.progressShown.push(node.textContent);
    }).observe(document.getElementById('elsewhere-progress'), { childList: true });
  });
  await popup.locator('#delete').click();
  await popup.locator('#delete-confirm:enabled').waitFor({ timeout: 30000 });
  const previewed = await popup.locator('#preview-elsewhere').innerText();
  await popup.locator('#delete-confirm').click();
  await popup.locator('#elsewhere-list li').first().waitFor({ timeout: 30000 });
  const rows = await popup.locator('#elsewhere-list li').allInnerTexts();
  const progress = await popup.evaluate(() => window.progressShown);
  await popup.close();
  await tab.close();
  return { previewed, rows, progress };
}

before(async () => {
  site = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>a site</title>');
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  home = createFakeHome('serve-pairing');
  [firefox] = firefoxProfiles(firefoxRoot.xdg(home), ['work']);
  fs.copyFileSync(FIREFOX_COOKIES, firefox.cookieDb);
  fs.chmodSync(firefox.cookieDb, 0o644);
  serve = await startServe(home.env);
  // The browser's own profile is a temporary folder outside the fake home: no native host
  // manifest anywhere it looks, and serve does not see it as a profile to delete in.
  browser = await launchWithExtension({ port: site.address().port, env: home.env, reachLoopback: true });
  await waitForEnforcement(browser);
  dashboard = await browser.context.newPage();
  await dashboard.goto(serve.link, { waitUntil: 'load' });
});

after(async () => {
  await browser?.close();
  site?.close();
  if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
  home?.remove();
});

test('before pairing, native messaging is missing and serve is not used: nothing is deleted', async () => {
  assert.equal(trackerRows().length, 6);
  const { rows } = await deleteFromPopup();
  assert.match(rows.join(' | '), /not installed/);
  assert.equal(trackerRows().length, 6);
});

test('the dashboard shows a pairing code, the options page trades it for a token kept in storage.local', async () => {
  await dashboard.locator('#pairing-code-button').click();
  await dashboard.locator('#pairing-code').waitFor({ state: 'visible' });
  pairingText = await dashboard.locator('#pairing-code').innerText();
  assert.match(pairingText, new RegExp(`^${serve.port}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$`));

  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('pages/options.html#app'));
  await options.locator('#pair-code').fill(pairingText);
  await options.locator('#pair-form button[type=submit]').click();
  await waitFor('the pairing', async () => /^Paired with cookiewarden serve on port/.test(await options.locator('#pair-status').innerText()));
  pairing = await browser.worker.evaluate(async () => (await chrome.storage.local.get('servePairing')).servePairing);
  assert.equal(pairing.port, serve.port);
  assert.match(pairing.token, /^[0-9a-f]{64}$/);

  // The same code again, typed in the options page: refused, the pairing kept.
  await options.locator('#pair-code').fill(pairingText);
  await options.locator('#pair-form button[type=submit]').click();
  await waitFor('the refusal', async () => /^Not paired: The dashboard refused this code/.test(await options.locator('#pair-status').innerText()));
  assert.deepEqual(await browser.worker.evaluate(async () => (await chrome.storage.local.get('servePairing')).servePairing), pairing);
  await options.close();

  const file = path.join(home.home, '.local', 'state', 'cookiewarden', 'paired-extensions.json');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  await dashboard.reload({ waitUntil: 'load' });
  await dashboard.locator('#installs tbody tr').first().waitFor();
  assert.deepEqual(await dashboard.locator('#installs tbody td:first-child').allInnerTexts(), [extensionOrigin()]);
});

test('refused with nothing run: a reused code, no token, a wrong token, a web page origin, no origin', async () => {
  const ext = { Origin: extensionOrigin() };
  const code = pairingText.slice(pairingText.indexOf('-') + 1);
  const reused = await post('/pair', ext, JSON.stringify({ code }));
  assert.equal(reused.status, 401, JSON.stringify(reused.body));
  assert.equal(reused.body.token, undefined);
  const refusals = [
    [{ ...ext }, 401, 'no token'],
    [{ ...ext, Authorization: `Bearer ${'0'.repeat(64)}` }, 401, 'a wrong token'],
    [{ Origin: 'https://shop.example', Authorization: `Bearer ${pairing.token}` }, 403, 'a web page origin'],
    [{ Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', Authorization: `Bearer ${pairing.token}` }, 401, 'another extension'],
    [{ Authorization: `Bearer ${pairing.token}` }, 401, 'no origin (a local program)'],
  ];
  for (const [headers, status, what] of refusals) {
    const reply = await post('/api', headers, deleteRequest);
    assert.equal(reply.status, status, `${what}: ${JSON.stringify(reply.body)}`);
    assert.equal(reply.body.ok, false, what);
  }
  assert.equal(trackerRows().length, 6, 'nothing was deleted');
});

test('"Delete site data" in the popup deletes tracker.test in the closed Firefox profile through serve', async () => {
  const others = otherRows();
  const { previewed, rows, progress } = await deleteFromPopup();
  console.log(`preview: ${previewed}\nprogress: ${progress.join(' | ')}\nresult: ${rows.join(' | ')}`);
  assert.match(previewed, /Firefox .*\n6 cookies/);
  assert.ok(progress.some((line) => /^Firefox \/ .+: [1-9]\d* items? deleted \(\d+ of \d+\)$/.test(line)), progress.join(' | '));
  assert.match(rows.find((r) => r.startsWith('Firefox')) ?? '', /[1-9]\d* items? deleted/, rows.join(' | '));
  assert.deepEqual(trackerRows(), []);
  assert.deepEqual(otherRows(), others, 'every other row is kept');
});

test('serve stopped: the popup says so; restarted without --port, serve is on the paired port and the pairing works', async () => {
  fs.copyFileSync(FIREFOX_COOKIES, firefox.cookieDb);
  assert.equal(trackerRows().length, 6);
  const exited = new Promise((resolve) => serve.child.once('exit', resolve));
  serve.child.kill('SIGTERM');
  await exited;
  const stopped = await deleteFromPopup();
  assert.match(stopped.rows.join(' | '), new RegExp(`cookiewarden serve is not running on port ${pairing.port}, the port this browser was paired on: start it`));
  assert.equal(trackerRows().length, 6, 'nothing was deleted');

  const holder = http.createServer((req, res) => res.end());
  await new Promise((resolve) => holder.listen(pairing.port, '127.0.0.1', resolve));
  const elsewhere = await startServe(home.env, []);
  const stoppedElsewhere = new Promise((resolve) => elsewhere.child.once('exit', resolve));
  elsewhere.child.kill('SIGTERM');
  await stoppedElsewhere;
  await new Promise((resolve) => holder.close(resolve));
  assert.notEqual(elsewhere.port, pairing.port);
  assert.match(elsewhere.output, new RegExp(`the paired browser extensions know port ${pairing.port}, not ${elsewhere.port}: stop what holds port ${pairing.port} and restart serve, or pair them again`));

  serve = await startServe(home.env, []);
  assert.equal(serve.port, pairing.port, 'serve reopened the port the pairing knows');
  const { rows } = await deleteFromPopup();
  assert.match(rows.find((r) => r.startsWith('Firefox')) ?? '', /[1-9]\d* items? deleted/, rows.join(' | '));
  assert.deepEqual(trackerRows(), []);
  // The old dashboard's token died with the old serve; on the same port, its tab would take the new
  // link for a fragment change and never load it: a new tab opens it.
  await dashboard.close();
  dashboard = await browser.context.newPage();
  await dashboard.goto(serve.link, { waitUntil: 'load' });
});

test('after the dashboard revokes the install, the extension is refused', async () => {
  await dashboard.locator('#installs tbody tr').first().waitFor();
  await dashboard.locator('#installs tbody button').click();
  await dashboard.locator('#no-installs').waitFor({ state: 'visible' });
  const reply = await post('/api', { Origin: extensionOrigin(), Authorization: `Bearer ${pairing.token}` }, deleteRequest);
  assert.equal(reply.status, 401);
  const { rows } = await deleteFromPopup();
  assert.match(rows.join(' | '), /Not reached: cookiewarden serve on port \d+ refused this browser .*: pair again in Options, App/);
});
