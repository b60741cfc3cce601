// The native host decides as the extension does: `cookiewarden classify` with its default engine
// (engine.bin beside the binary) and the packaged extension's WASM module with its own
// engine/engine.bin give the same action, category, vendor and rule for every case of a set of
// stored cookies (every row of the real browser cookie stores of the native host's fixtures, and
// every vendor cookie rule's name on its own domain and on a shop, partitioned or not), cookie
// writes by scripts, and requests to hosts only EasyPrivacy or EasyList name (which the host's
// built-in rules alone would leave unknown).
//
// Run (after the extension/package test built WARDEN_EXTENSION_DIR):
//   WARDEN_EXTENSION_DIR=build/extension COOKIEWARDEN=build/native/native-host/cookiewarden \
//     node --test tests/e2e/extension/host_engine_agrees.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { COOKIEWARDEN } from '../lib/cookiewarden_cli.mjs';
import { sqliteRows } from '../lib/sqlite_probe.mjs';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const extensionDir = process.env.WARDEN_EXTENSION_DIR ?? path.join(root, 'build', 'extension');
const STORES = path.join(root, 'tests', 'native-host', 'fixtures', 'cookie-stores');
const POLICY = { defaults: { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' } };
const SHOP = 'https://www.shop.test/';

// Read from copies: SQLite leaves -wal/-shm files beside a WAL database it opens.
function storedCookiesOfFixtures() {
  const cases = [];
  const copies = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-agree-stores-'));
  try {
    for (const file of fs.readdirSync(STORES).filter((f) => f.endsWith('.sqlite'))) {
      const db = path.join(copies, file);
      fs.copyFileSync(path.join(STORES, file), db);
      const chromium = sqliteRows(db, "SELECT count(*) FROM sqlite_master WHERE name = 'cookies'")[0][0] === '1';
      const rows = chromium
        ? sqliteRows(db, 'SELECT name, host_key, path FROM cookies')
        : sqliteRows(db, 'SELECT name, host, path FROM moz_cookies');
      for (const [name, domain, cookiePath] of rows) cases.push({ name, domain, path: cookiePath || '/' });
    }
  } finally {
    fs.rmSync(copies, { recursive: true, force: true });
  }
  return cases;
}

function storedCookiesOfVendorRules() {
  const { vendors } = JSON.parse(fs.readFileSync(path.join(root, 'engine', 'rules', 'vendors.json'), 'utf8'));
  const cases = [];
  for (const vendor of vendors) {
    for (const cookie of vendor.cookies ?? []) {
      const name = cookie.prefix ? `${cookie.name}x` : cookie.name;
      if (cookie.domain) cases.push({ name, domain: `.${cookie.domain}`, path: '/' });
      cases.push({ name, domain: '.shop.test', path: '/' });
      cases.push({ name, domain: 'ads.other.test', path: '/', partitionKey: 'https://shop.test' });
    }
  }
  return cases;
}

// `||host^` rules of the lists: hosts only the lists classify.
function listHosts(file, count) {
  const lines = fs.readFileSync(path.join(root, 'engine', 'rules', 'lists', file), 'utf8').split('\n');
  return lines.map((l) => /^\|\|([a-z0-9.-]+)\^$/.exec(l.trim())?.[1]).filter(Boolean).slice(0, count);
}

function cases() {
  const stored = [...storedCookiesOfFixtures(), ...storedCookiesOfVendorRules()];
  const hosts = [...listHosts('easyprivacy.txt', 150), ...listHosts('easylist.txt', 150)];
  return [
    ...stored.map((c) => ({
      host: { stored_cookie: { name: c.name, domain: c.domain, path: c.path, ...(c.partitionKey ? { partition_key: c.partitionKey } : {}) } },
      wasm: (e) => e.decideStoredCookie(c),
    })),
    ...hosts.map((h) => ({
      host: { url: `https://${h}/t.js`, top_url: SHOP, type: 'script' },
      wasm: (e) => e.decideRequest({ url: `https://${h}/t.js`, topUrl: SHOP, type: 'script' }),
    })),
    ...hosts.map((h) => ({
      host: { cookie: { name: 'uid', domain: '.shop.test' }, top_url: SHOP, source: 'script', script_url: `https://${h}/t.js` },
      wasm: (e) => e.decideCookie({ name: 'uid', domain: '.shop.test', topUrl: SHOP, source: 'script', scriptUrl: `https://${h}/t.js` }),
    })),
  ];
}

const comparable = (d) => ({ action: d.action, category: d.category, vendor: d.vendor || null, rule: d.rule || null });

test('the host\'s default engine and the extension\'s engine decide every case alike', async () => {
  const { Warden } = await import(pathToFileURL(path.join(extensionDir, 'wasm', 'warden.js')).href);
  const engine = await Warden.load({
    wasmBinary: fs.readFileSync(path.join(extensionDir, 'wasm', 'warden.wasm')),
    engineBytes: fs.readFileSync(path.join(extensionDir, 'engine', 'engine.bin')),
  });
  engine.setPolicy(POLICY);
  const all = cases();
  const policyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cw-agree-')), 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify(POLICY));
  const input = all.map((c) => JSON.stringify(c.host)).join('\n') + '\n';
  // No --engine: the default, engine.bin beside the binary.
  const run = spawnSync(COOKIEWARDEN, ['classify', '--policy', policyFile], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  fs.rmSync(path.dirname(policyFile), { recursive: true, force: true });
  assert.equal(run.status, 0, run.stderr);
  const hostDecisions = run.stdout.trim().split('\n').map((line) => comparable(JSON.parse(line)));
  assert.equal(hostDecisions.length, all.length);
  const disagreements = [];
  all.forEach((c, i) => {
    const wasm = comparable(c.wasm(engine));
    if (JSON.stringify(wasm) !== JSON.stringify(hostDecisions[i])) disagreements.push({ case: c.host, host: hostDecisions[i], extension: wasm });
  });
  assert.deepEqual(disagreements.slice(0, 5), [], `${disagreements.length} of ${all.length} cases disagree`);
  // The lists are in use on both sides: list-only hosts are classified, not unknown.
  assert.ok(hostDecisions.filter((d) => d.rule?.startsWith('||')).length >= 200, 'the host decided with EasyPrivacy and EasyList');
  console.log(`${all.length} cases, all alike`);
});
